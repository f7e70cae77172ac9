package dev.arf.core.blueprint;

import java.util.OptionalDouble;

/**
 * Replica bounds and utilisation thresholds. Utilisations are fractions in [0, 1].
 *
 * @param targetMemoryUtilization empty when scaling ignores memory
 */
public record Scaling(
        int minReplicas,
        int maxReplicas,
        double targetCpuUtilization,
        OptionalDouble targetMemoryUtilization,
        double scaleUpThreshold,
        double scaleDownThreshold) {
    public Scaling {
        if (minReplicas < 0 || maxReplicas < 1 || minReplicas > maxReplicas) {
            throw new IllegalArgumentException(
                    "replicas: need 0 <= min (" + minReplicas + ") <= max (" + maxReplicas + ") and max >= 1");
        }
        fraction("target_cpu_utilization", targetCpuUtilization);
        targetMemoryUtilization.ifPresent(v -> fraction("target_memory_utilization", v));
        fraction("scale_up_threshold", scaleUpThreshold);
        fraction("scale_down_threshold", scaleDownThreshold);
        if (scaleDownThreshold >= scaleUpThreshold) {
            throw new IllegalArgumentException("scale_down_threshold must be below scale_up_threshold");
        }
    }

    static void fraction(String what, double v) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(what + " must be a fraction in [0, 1], got " + v);
        }
    }
}
