package dev.arf.core.detect;

import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.Operator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A threshold alerting rule with Prometheus semantics, evaluated on event timestamps: the condition
 * {@code metric operator threshold} must hold continuously for {@code forDuration} before the rule
 * fires. {@code metric} is a standard metric key ({@code latency_p99}) or a custom metric name.
 */
public record ThresholdRule(
        String name, String metric, Operator operator, double threshold, Duration forDuration, Severity severity) {

    public ThresholdRule {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name: missing");
        }
        if (metric == null || metric.isBlank()) {
            problems.add("metric: missing");
        }
        if (operator == null) {
            problems.add("operator: missing");
        }
        if (!Double.isFinite(threshold)) {
            problems.add("threshold: must be finite, got " + threshold);
        }
        if (forDuration == null || forDuration.isNegative()) {
            problems.add("for: must be zero or positive, got " + forDuration);
        }
        if (severity == null) {
            problems.add("severity: missing");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid rule " + name + ": " + String.join("; ", problems));
        }
    }

    /**
     * The built-in rules: CPU above 80 % and memory above 85 % for 5 minutes (HIGH), error rate above
     * 5 % for 1 minute (HIGH), p99 latency above 1000 ms for 2 minutes (MEDIUM).
     */
    public static List<ThresholdRule> defaults() {
        return List.of(
                new ThresholdRule(
                        "high_cpu", Metric.CPU_UTIL.key(), Operator.GT, 0.80, Duration.ofMinutes(5), Severity.HIGH),
                new ThresholdRule(
                        "high_memory",
                        Metric.MEMORY_UTIL.key(),
                        Operator.GT,
                        0.85,
                        Duration.ofMinutes(5),
                        Severity.HIGH),
                new ThresholdRule(
                        "high_error_rate",
                        Metric.ERROR_RATE.key(),
                        Operator.GT,
                        0.05,
                        Duration.ofMinutes(1),
                        Severity.HIGH),
                new ThresholdRule(
                        "high_latency_p99",
                        Metric.LATENCY_P99.key(),
                        Operator.GT,
                        1000,
                        Duration.ofMinutes(2),
                        Severity.MEDIUM));
    }

    /** Whether the condition holds for {@code value}; never for NaN ("not reported"). */
    public boolean holdsFor(double value) {
        return operator.test(value, threshold);
    }

    /** {@code cpu_util > 80.0% for 5m}. */
    public String describe() {
        return metric + " " + operator.symbol() + " " + SignalText.value(metric, threshold) + " for "
                + SignalText.duration(forDuration);
    }
}
