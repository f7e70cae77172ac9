package dev.arf.core.detect;

import java.time.Instant;
import java.util.Map;

/**
 * A service's learned baselines, as stored between runs so that {@code arf analyze} can judge one
 * event against what is normal for that service.
 */
public record DetectorSnapshot(String service, Instant takenAt, Map<String, BaselineStats> baselines) {

    public DetectorSnapshot {
        baselines = Map.copyOf(baselines);
    }

    /** Robust running statistics of one metric: a centre, a spread and how many samples built them. */
    public record BaselineStats(long count, double center, double spread) {}
}
