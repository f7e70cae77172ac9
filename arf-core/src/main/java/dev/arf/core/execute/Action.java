package dev.arf.core.execute;

import dev.arf.core.policy.HealingAction;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A concrete change to make to one target, as proposed by a policy (or, later, the decision
 * engine). {@code idempotencyKey} identifies the intent: an actuator that sees the same key twice
 * applies it once.
 *
 * @param source who proposed it, e.g. {@code policy:db_connection_pool_protection}
 * @param reason why, in a sentence
 */
public record Action(
        String idempotencyKey,
        HealingAction type,
        String target,
        Map<String, String> parameters,
        String source,
        String reason,
        Instant proposedAt) {

    public Action {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(proposedAt, "proposedAt");
    }
}
