package dev.arf.core.governance;

import java.time.Duration;
import java.util.Objects;

/**
 * The Guardian's self-restraint thresholds beyond cooldowns and budgets.
 *
 * @param minConfidence below this an action becomes a no-op (seed 003: uncertainty above 0.5)
 * @param breakerFailures consecutive failures (or failed verifications) on a service that open its
 *     circuit breaker
 * @param breakerOpenFor how long an open breaker refuses before letting one trial through (half-open)
 * @param ineffectiveLimit times the same action may fail to fix the same target before ARF stops trying
 *     it and escalates to a person
 * @param ineffectiveBlock how long an ineffective action stays blocked on that target
 * @param maxTargetsPerAction the blast-radius cap: how many concrete targets one action may touch
 * @param lockLease how long a target stays locked by an action whose completion was never reported
 *     (a crash), after which the lock lapses
 */
public record SafetyLimits(
        double minConfidence,
        int breakerFailures,
        Duration breakerOpenFor,
        int ineffectiveLimit,
        Duration ineffectiveBlock,
        int maxTargetsPerAction,
        Duration lockLease) {

    public SafetyLimits {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("min_confidence must be within [0, 1], was " + minConfidence);
        }
        if (breakerFailures < 1 || ineffectiveLimit < 1 || maxTargetsPerAction < 1) {
            throw new IllegalArgumentException(
                    "breaker_failures, ineffective_limit and max_targets_per_action must be at least 1");
        }
        for (Duration d : new Duration[] {breakerOpenFor, ineffectiveBlock, lockLease}) {
            if (!Objects.requireNonNull(d, "duration").isPositive()) {
                throw new IllegalArgumentException("safety durations must be positive, was " + d);
            }
        }
    }

    /**
     * Confidence 0.5, breaker after 3 failures for 10 minutes, an action that failed to fix a target 3
     * times is blocked there for 24 hours, one target per action, locks lapse after 15 minutes.
     */
    public static SafetyLimits defaults() {
        return new SafetyLimits(0.5, 3, Duration.ofMinutes(10), 3, Duration.ofHours(24), 1, Duration.ofMinutes(15));
    }

    public SafetyLimits withMaxTargetsPerAction(int max) {
        return new SafetyLimits(
                minConfidence, breakerFailures, breakerOpenFor, ineffectiveLimit, ineffectiveBlock, max, lockLease);
    }
}
