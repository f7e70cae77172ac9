package dev.arf.core.governance;

import dev.arf.core.policy.HealingAction;
import java.time.Instant;
import java.util.Objects;

/**
 * One action the Guardian let through: what its cooldowns, repetition windows and budgets are made
 * of, and what is kept across restarts.
 *
 * @param sameKey what makes two actions identical for repetition suppression (kind, target, parameters)
 */
public record GateExecution(Instant at, String target, HealingAction type, String sameKey) {
    public GateExecution {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sameKey, "sameKey");
    }
}
