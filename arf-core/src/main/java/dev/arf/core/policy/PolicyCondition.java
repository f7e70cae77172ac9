package dev.arf.core.policy;

import dev.arf.core.telemetry.Operator;
import java.util.Objects;

/**
 * One condition of a healing policy: {@code metric operator threshold}. The metric is a standard
 * metric's wire name ({@code latency_p99}), a custom metric's name, or {@code anomaly_confidence}
 * (the detectors' confidence in [0, 1]).
 */
public record PolicyCondition(String metric, Operator operator, double threshold) {
    public static final String ANOMALY_CONFIDENCE = "anomaly_confidence";

    public PolicyCondition {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(operator, "operator");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold: must be a finite number, got " + threshold);
        }
    }

    @Override
    public String toString() {
        return metric + " " + operator.symbol() + " " + threshold;
    }
}
