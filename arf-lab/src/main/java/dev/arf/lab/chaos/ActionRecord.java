package dev.arf.lab.chaos;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An action ARF proposed during a run and what became of it, from the audit trail.
 *
 * @param offset since the run started
 * @param status {@code EXECUTED}, {@code REFUSED} (by governance: {@code reasonCode} says which gate),
 *     {@code FAILED} or {@code SKIPPED}
 * @param mutates whether it changes the system (an alert does not)
 * @param revert whether it undoes an earlier action that failed its verification
 * @param health the target's health before and after (executed, mutating actions only)
 * @param rolledBack whether ARF's verification undid it
 */
public record ActionRecord(
        Duration offset,
        String idempotencyKey,
        String action,
        String target,
        String source,
        String status,
        String reasonCode,
        String detail,
        boolean mutates,
        boolean revert,
        Optional<HealthChange> health,
        boolean rolledBack) {

    public ActionRecord {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(health, "health");
    }

    public boolean executed() {
        return status.equals("EXECUTED");
    }

    public boolean refused() {
        return status.equals("REFUSED");
    }

    /** Executed, and the target's health was worse after it than before (see {@link HealthChange}). */
    public boolean harmful() {
        return health.map(HealthChange::worse).orElse(false);
    }

    ActionRecord withHealth(HealthChange change) {
        return new ActionRecord(
                offset,
                idempotencyKey,
                action,
                target,
                source,
                status,
                reasonCode,
                detail,
                mutates,
                revert,
                Optional.of(change),
                rolledBack);
    }

    ActionRecord markRolledBack() {
        return new ActionRecord(
                offset,
                idempotencyKey,
                action,
                target,
                source,
                status,
                reasonCode,
                detail,
                mutates,
                revert,
                health,
                true);
    }
}
