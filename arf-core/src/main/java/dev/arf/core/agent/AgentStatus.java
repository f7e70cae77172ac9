package dev.arf.core.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Seed 003's {@code /api/agent/status}: who the agent is, what it is doing, and what it decided lately. */
public record AgentStatus(
        String agentId,
        AgentState state,
        long iterations,
        Optional<Instant> lastHeartbeat,
        Optional<String> blockedReason,
        List<AgentDecision> recentDecisions) {
    public AgentStatus {
        recentDecisions = List.copyOf(recentDecisions);
    }
}
