package dev.arf.core.agent;

import dev.arf.core.decide.ResourceDecision;
import dev.arf.core.decide.ScalingDecision;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision the agent took for a service and what became of it.
 *
 * @param outcome {@code hold}, or the scaling action's status and detail (e.g. {@code SUCCEEDED:
 *     scaled…}, {@code REFUSED: APPROVAL_REQUIRED: …})
 * @param resources a new memory request, decided when replicas were held
 * @param resourceOutcome what became of it, empty without one
 */
public record AgentDecision(
        long iteration,
        Instant at,
        ScalingDecision decision,
        String outcome,
        Optional<ResourceDecision> resources,
        String resourceOutcome) {
    public AgentDecision {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(resourceOutcome, "resourceOutcome");
    }

    public AgentDecision(long iteration, Instant at, ScalingDecision decision, String outcome) {
        this(iteration, at, decision, outcome, Optional.empty(), "");
    }
}
