package dev.arf.core.blueprint;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an operation's success is verified.
 *
 * @param stabilizationPeriod how long to wait after the operation before checking; more than zero
 */
public record Verification(
        boolean enabled, Duration stabilizationPeriod, List<VerificationCheck> checks, Rollback rollback) {
    public Verification {
        Objects.requireNonNull(stabilizationPeriod, "stabilizationPeriod");
        Objects.requireNonNull(rollback, "rollback");
        checks = List.copyOf(checks);
        if (stabilizationPeriod.isNegative() || stabilizationPeriod.isZero()) {
            throw new IllegalArgumentException("stabilization_period must be more than zero");
        }
    }

    /** No verification: nothing checked, nothing rolled back. */
    public static Verification disabled() {
        return new Verification(false, Duration.ofSeconds(60), List.of(), Rollback.disabled());
    }
}
