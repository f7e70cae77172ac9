package dev.arf.lab.chaos;

import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One condition on the fleet's telemetry: a metric kept below (or above) a threshold on a set of
 * services. Used as the steady-state hypothesis (what normal looks like) and as a safety check (what
 * must never happen while the fault is in; held for {@code sustained} before it counts as failed).
 *
 * @param below true for "stays below the threshold", false for "stays above"
 * @param threshold in the metric's unit: a fraction for ratios, ms for latencies, req/s
 * @param services the services it applies to when {@code scope} is {@link Scope#SERVICES}
 */
public record HealthCheck(
        Metric metric, boolean below, double threshold, Scope scope, List<String> services, Duration sustained) {

    /** Which services a check looks at. */
    public enum Scope {
        /** Every service of the fleet. */
        ALL,
        /** Only the services listed. */
        SERVICES,
        /** The services the fault is injected into. */
        BLAST_RADIUS,
        /** Every service the fault is not injected into. */
        OUTSIDE_BLAST_RADIUS
    }

    public HealthCheck {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(scope, "scope");
        services = List.copyOf(services);
        Objects.requireNonNull(sustained, "sustained");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold: must be a finite number");
        }
    }

    /** Whether the check looks at {@code service}, given the services the fault is injected into. */
    public boolean covers(String service, Set<String> blastRadius) {
        return switch (scope) {
            case ALL -> true;
            case SERVICES -> services.contains(service);
            case BLAST_RADIUS -> blastRadius.contains(service);
            case OUTSIDE_BLAST_RADIUS -> !blastRadius.contains(service);
        };
    }

    /** Whether the event satisfies the condition; a metric the event lacks satisfies it. */
    public boolean holds(TelemetryEvent event) {
        if (!event.has(metric)) {
            return true;
        }
        double value = event.value(metric);
        return below ? value < threshold : value > threshold;
    }

    /** {@code error_rate < 2.0% on outside the blast radius}, for people. */
    public String describe() {
        String where = switch (scope) {
            case ALL -> "every service";
            case SERVICES -> String.join(", ", services);
            case BLAST_RADIUS -> "the blast radius";
            case OUTSIDE_BLAST_RADIUS -> "services outside the blast radius";
        };
        return metric.key() + (below ? " < " : " > ") + metric.format(threshold) + " on " + where
                + (sustained.isZero() ? "" : " (failing for " + Durations.text(sustained) + ")");
    }
}
