package dev.arf.core.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Seed 003's {@code /api/agent/status}: who the agent is, what it is doing, what it decided lately, and
 * which targets' actions are still waiting for their verification (observed at the last iteration).
 */
public record AgentStatus(
        String agentId,
        AgentState state,
        long iterations,
        Optional<Instant> lastHeartbeat,
        Optional<String> blockedReason,
        List<AgentDecision> recentDecisions,
        List<String> awaitingVerification) {
    public AgentStatus {
        recentDecisions = List.copyOf(recentDecisions);
        awaitingVerification = List.copyOf(awaitingVerification);
    }
}
