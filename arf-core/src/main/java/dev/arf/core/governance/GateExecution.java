package dev.arf.core.governance;

import dev.arf.core.policy.HealingAction;
import java.time.Instant;
import java.util.Objects;

/**
 * One action the Guardian let through: what its cooldowns, repetition windows and budgets are made
 * of, and what is kept across restarts.
 *
 * @param sameKey what makes two actions identical for repetition suppression (kind, target, parameters)
 * @param idempotencyKey the permitted action's key, so that a revert can name what it undoes
 */
public record GateExecution(Instant at, String target, HealingAction type, String sameKey, String idempotencyKey) {
    public GateExecution {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sameKey, "sameKey");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
