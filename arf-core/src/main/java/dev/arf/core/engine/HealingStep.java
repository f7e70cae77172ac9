package dev.arf.core.engine;

import dev.arf.core.policy.HealingAction;

/**
 * One healing action considered for an event and what became of it.
 *
 * @param source who proposed it, e.g. {@code policy:memory_pressure_restart}
 * @param reasonCode why it was not executed ({@code COOLDOWN_ACTIVE}, {@code RATE_LIMITED}, a gate's
 *     code, {@code NO_ACTUATOR}), or {@code EXECUTED}
 */
public record HealingStep(
        HealingAction action, String target, String source, Status status, String reasonCode, String detail) {
    public enum Status {
        EXECUTED,
        FAILED,
        SKIPPED,
        REFUSED,
        SUPPRESSED
    }
}
