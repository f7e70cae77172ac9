package dev.arf.lab.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened in one experiment run. Times are offsets from the run's start (virtual time).
 *
 * @param blastRadius the services the fault was injected into
 * @param impacted the blast radius and every other service whose own telemetry broke the steady state
 *     after the fault went in: where an incident is expected; an incident anywhere else, or before the
 *     fault, is a false positive
 * @param degraded the services whose own telemetry broke the steady state after the fault went in
 * @param instances the instances the fault was injected into
 * @param timeToDetect injection → first incident opened on an impacted service (MTTD)
 * @param timeToRecover injection → the steady state held again for good (MTTR); empty if it never
 *     broke or never held again
 * @param abortedBy the safety check that failed, if one did
 * @param removedBy the ARF action that removed the fault before its scheduled end, if one did
 * @param faultsLeft simulator faults still active when the run ended (none, unless the run stopped early)
 * @param falsePositives incidents opened before the fault, or on a service outside the blast radius that
 *     kept the steady state
 */
public record ExperimentResult(
        String experiment,
        ExperimentKind kind,
        String scope,
        long seed,
        List<String> blastRadius,
        List<String> impacted,
        List<String> degraded,
        List<String> instances,
        Duration injectedAt,
        Duration scheduledEnd,
        Duration runLength,
        Outcome outcome,
        Optional<Duration> timeToDetect,
        Optional<Duration> timeToRecover,
        Optional<String> abortedBy,
        Optional<String> removedBy,
        List<ActionRecord> actions,
        int incidentsOpened,
        int incidentsResolved,
        List<String> falsePositives,
        List<String> faultsLeft,
        List<Moment> timeline) {

    public ExperimentResult {
        Objects.requireNonNull(experiment, "experiment");
        blastRadius = List.copyOf(blastRadius);
        impacted = List.copyOf(impacted);
        degraded = List.copyOf(degraded);
        faultsLeft = List.copyOf(faultsLeft);
        instances = List.copyOf(instances);
        actions = List.copyOf(actions);
        falsePositives = List.copyOf(falsePositives);
        timeline = List.copyOf(timeline);
    }

    public boolean detected() {
        return timeToDetect.isPresent();
    }

    public boolean aborted() {
        return outcome == Outcome.ABORTED;
    }

    /** Changes ARF made (executed actions that mutate; alerts not counted). */
    public long executed() {
        return actions.stream().filter(a -> a.executed() && a.mutates()).count();
    }

    public long refused() {
        return actions.stream().filter(ActionRecord::refused).count();
    }

    public long harmful() {
        return actions.stream().filter(ActionRecord::harmful).count();
    }

    public long harmfulNotRolledBack() {
        return actions.stream().filter(a -> a.harmful() && !a.rolledBack()).count();
    }
}
