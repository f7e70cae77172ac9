package dev.arf.core.blueprint;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Service-level targets; each is optional.
 *
 * @param errorRateThreshold a fraction in [0, 1]
 */
public record PerformanceTargets(
        Optional<Duration> latencyTargetP50,
        Optional<Duration> latencyTargetP95,
        Optional<Duration> latencyTargetP99,
        OptionalDouble errorRateThreshold) {
    public PerformanceTargets {
        Objects.requireNonNull(latencyTargetP50, "latencyTargetP50");
        Objects.requireNonNull(latencyTargetP95, "latencyTargetP95");
        Objects.requireNonNull(latencyTargetP99, "latencyTargetP99");
        Objects.requireNonNull(errorRateThreshold, "errorRateThreshold");
        errorRateThreshold.ifPresent(v -> Scaling.fraction("error_rate_threshold", v));
        for (Optional<Duration> d : java.util.List.of(latencyTargetP50, latencyTargetP95, latencyTargetP99)) {
            if (d.isPresent() && (d.get().isNegative() || d.get().isZero())) {
                throw new IllegalArgumentException("latency targets must be more than zero");
            }
        }
    }

    public static PerformanceTargets none() {
        return new PerformanceTargets(Optional.empty(), Optional.empty(), Optional.empty(), OptionalDouble.empty());
    }
}
