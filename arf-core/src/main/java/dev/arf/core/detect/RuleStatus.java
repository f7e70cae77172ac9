package dev.arf.core.detect;

import java.time.Instant;

/** A threshold rule's state after one sample; {@code activeSince} is null when inactive. */
public record RuleStatus(
        String rule,
        String metric,
        RuleState state,
        Instant activeSince,
        double value,
        double threshold,
        Severity severity) {}
