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
 * @param confidence how sure the proposer is that this is the right action, in [0, 1]; the Guardian
 *     turns a low one into a no-op (seed 003: uncertainty above 0.5)
 */
public record Action(
        String idempotencyKey,
        HealingAction type,
        String target,
        Map<String, String> parameters,
        String source,
        String reason,
        Instant proposedAt,
        double confidence) {

    /** For actions a person asked for: fully confident, by definition. */
    public static final double CERTAIN = 1.0;

    public Action {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(proposedAt, "proposedAt");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within [0, 1], was " + confidence);
        }
    }
}
