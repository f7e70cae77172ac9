package dev.arf.core.engine;

import dev.arf.core.agents.DetectiveFinding;
import dev.arf.core.agents.Diagnosis;
import dev.arf.core.agents.Prediction;
import java.util.List;

/** Each agent's findings and what they recommend, as in seed 000's {@code multi_agent_analysis}. */
public record MultiAgentAnalysis(
        IncidentSummary incidentSummary,
        DetectiveFinding detective,
        Diagnosis diagnostician,
        Prediction predictive,
        List<String> recommendedActions) {
    public MultiAgentAnalysis {
        recommendedActions = List.copyOf(recommendedActions);
    }
}
