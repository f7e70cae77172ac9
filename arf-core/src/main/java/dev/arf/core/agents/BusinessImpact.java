package dev.arf.core.agents;

import dev.arf.core.detect.Severity;

/**
 * The Impact agent's estimate. {@code revenueLossEstimate} is the loss so far in this episode (per
 * minute × minutes since the anomaly started, at least one minute).
 */
public record BusinessImpact(
        double revenueLossPerMinute,
        double revenueLossEstimate,
        long affectedUsersEstimate,
        double affectedFraction,
        Severity severityLevel,
        String summary) {}
