package dev.arf.core.policy;

import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * What a {@link PolicyEngine} evaluates policies against: one service's metric values at one
 * instant.
 *
 * @param service the service the metrics belong to; policies with a service filter only match it
 * @param now the engine's clock time (virtual in replays and tests); cooldowns and the sliding hour
 *     are measured against it, never against the wall clock
 * @param metrics returns a metric value by its key, {@link Double#NaN} when the metric is absent;
 *     it is not asked for {@link PolicyCondition#ANOMALY_CONFIDENCE}
 * @param anomalyConfidence the detectors' confidence in [0, 1] that the service is anomalous, or NaN
 *     when nothing was assessed; it answers the special metric {@code anomaly_confidence}
 */
public record PolicyContext(
        String service, Instant now, ToDoubleFunction<String> metrics, double anomalyConfidence, String cause) {

    /** Prefix of custom metric keys in policies: {@code custom:queue_depth}. */
    public static final String CUSTOM_PREFIX = "custom:";

    public PolicyContext {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(cause, "cause");
    }

    /** A context with no diagnosed cause ({@code unknown}). */
    public PolicyContext(String service, Instant now, ToDoubleFunction<String> metrics, double anomalyConfidence) {
        this(service, now, metrics, anomalyConfidence, UNKNOWN_CAUSE);
    }

    /** The cause key when the Diagnostician named none. */
    public static final String UNKNOWN_CAUSE = "unknown";

    /**
     * A context over a telemetry event. Keys resolve as: {@code anomaly_confidence} → {@code
     * anomalyConfidence}; {@code custom:<name>} → the event's custom metric {@code <name>}; anything
     * else → {@link TelemetryEvent#value(String)} (a standard metric, or a bare custom name).
     */
    public static PolicyContext of(TelemetryEvent event, double anomalyConfidence, Instant now) {
        return of(event, anomalyConfidence, UNKNOWN_CAUSE, now);
    }

    /** As {@link #of(TelemetryEvent, double, Instant)}, with the diagnosed cause key. */
    public static PolicyContext of(TelemetryEvent event, double anomalyConfidence, String cause, Instant now) {
        Objects.requireNonNull(event, "event");
        return new PolicyContext(event.service(), now, key -> eventValue(event, key), anomalyConfidence, cause);
    }

    /** The value a condition on {@code metric} is tested against; NaN when absent. */
    public double value(String metric) {
        if (PolicyCondition.ANOMALY_CONFIDENCE.equals(metric)) {
            return anomalyConfidence;
        }
        return metrics.applyAsDouble(metric);
    }

    private static double eventValue(TelemetryEvent event, String key) {
        if (key.startsWith(CUSTOM_PREFIX)) {
            Double v = event.custom().get(key.substring(CUSTOM_PREFIX.length()));
            return v == null ? Double.NaN : v;
        }
        return event.value(key);
    }
}
