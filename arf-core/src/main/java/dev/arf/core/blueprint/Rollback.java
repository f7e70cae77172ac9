package dev.arf.core.blueprint;

/**
 * What to do when verification fails.
 *
 * @param automatic roll back without asking a person
 * @param triggerOnCriticalFailure any failed critical check rolls back, not only rollback triggers
 */
public record Rollback(boolean enabled, boolean automatic, boolean triggerOnCriticalFailure) {
    public static Rollback disabled() {
        return new Rollback(false, false, false);
    }
}
