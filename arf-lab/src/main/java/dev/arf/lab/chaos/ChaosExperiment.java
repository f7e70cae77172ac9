package dev.arf.lab.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A chaos experiment on the simulated fleet: healthy {@code warmUp} (so ARF learns what normal is),
 * then the fault held for {@code duration} unless ARF removes it or a safety check aborts the
 * experiment, then {@code observe} more to see the recovery.
 *
 * @param steadyState the hypothesis: it must hold when the fault goes in, and holding again is recovery
 * @param safety checks that abort the experiment (the fault is removed at once) when one fails
 */
public record ChaosExperiment(
        String name,
        String description,
        FaultSpec fault,
        BlastRadius blastRadius,
        Duration warmUp,
        Duration duration,
        Duration observe,
        List<HealthCheck> steadyState,
        List<HealthCheck> safety) {

    public ChaosExperiment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(blastRadius, "blastRadius");
        Objects.requireNonNull(warmUp, "warmUp");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(observe, "observe");
        steadyState = List.copyOf(steadyState);
        safety = List.copyOf(safety);
        if (!duration.isPositive()) {
            throw new IllegalArgumentException("duration: must be more than zero");
        }
    }

    public ExperimentKind kind() {
        return fault.kind();
    }

    /** Warm-up, fault and observation. */
    public Duration length() {
        return warmUp.plus(duration).plus(observe);
    }
}
