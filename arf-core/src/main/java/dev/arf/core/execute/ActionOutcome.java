package dev.arf.core.execute;

import java.time.Instant;

/** What happened when an action was carried out (or why it was not). */
public record ActionOutcome(Action action, Status status, String detail, Instant at) {
    public enum Status {
        /** The change was applied. */
        SUCCEEDED,
        /** The actuator tried and failed. */
        FAILED,
        /** Already applied under the same idempotency key, or nothing to do. */
        SKIPPED,
        /** A gate refused it before any actuator saw it. */
        REFUSED
    }

    public boolean applied() {
        return status == Status.SUCCEEDED;
    }
}
