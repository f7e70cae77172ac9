package dev.arf.core.decide;

import java.time.Duration;
import java.util.Objects;

/**
 * How the decision engine weighs a service's load.
 *
 * @param cpuWeight weight of CPU utilisation in the weighted utilisation
 * @param memoryWeight weight of memory utilisation (dropped when memory is not reported)
 * @param latencyWeight weight of latency pressure: p95 over the blueprint's target, scaled so that a
 *     p95 at its target weighs like utilisation at the scale-up threshold (dropped without a target)
 * @param scaleDownStabilization how long utilisation must stay below the scale-down threshold before
 *     replicas are removed (hysteresis: a dip does not shrink a service)
 */
public record DecisionSettings(
        double cpuWeight, double memoryWeight, double latencyWeight, Duration scaleDownStabilization) {
    public DecisionSettings {
        if (cpuWeight < 0 || memoryWeight < 0 || latencyWeight < 0 || cpuWeight + memoryWeight + latencyWeight <= 0) {
            throw new IllegalArgumentException("decision weights must be non-negative and not all zero");
        }
        Objects.requireNonNull(scaleDownStabilization, "scaleDownStabilization");
        if (scaleDownStabilization.isNegative()) {
            throw new IllegalArgumentException("scale_down_stabilization must not be negative");
        }
    }

    /** CPU 0.5, memory 0.3, latency 0.2; five minutes below the threshold before scaling down. */
    public static DecisionSettings defaults() {
        return new DecisionSettings(0.5, 0.3, 0.2, Duration.ofMinutes(5));
    }
}
