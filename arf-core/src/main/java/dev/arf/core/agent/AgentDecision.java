package dev.arf.core.agent;

import dev.arf.core.decide.ScalingDecision;
import java.time.Instant;
import java.util.Objects;

/**
 * One decision the agent took and what became of it.
 *
 * @param outcome {@code hold}, or the action's status and detail (e.g. {@code SUCCEEDED: scaled…},
 *     {@code REFUSED: APPROVAL_REQUIRED: …})
 */
public record AgentDecision(long iteration, Instant at, ScalingDecision decision, String outcome) {
    public AgentDecision {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(outcome, "outcome");
    }
}
