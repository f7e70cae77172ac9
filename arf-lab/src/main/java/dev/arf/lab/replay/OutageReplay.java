package dev.arf.lab.replay;

import java.util.Optional;

/**
 * One outage replayed twice: as reconstructed, and with an abrupt onset at customer impact (every
 * point before impact replaced by the first point's healthy values), which is how most postmortems
 * tell it. The gap between the two is the lead time that comes only from the reconstruction's
 * precursor points.
 *
 * @param abruptOnset empty when the timeline has no point before impact
 */
public record OutageReplay(ReplayResult reconstructed, Optional<ReplayResult> abruptOnset) {}
