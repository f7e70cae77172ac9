package dev.arf.core.detect;

import java.time.Instant;

/**
 * One reason a detection is not normal: which metric ({@code "*"} for the whole vector), its value,
 * what was expected, how far off (a z-score for baselines, value/threshold for rules, the RCF
 * score), since when, and a sentence for people.
 */
public record Signal(
        SignalKind kind,
        String metric,
        double value,
        double expected,
        double deviation,
        Instant since,
        String explanation) {}
