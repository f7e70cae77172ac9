package dev.arf.core.engine;

import dev.arf.core.agents.BusinessImpact;
import dev.arf.core.detect.Detection;
import dev.arf.core.detect.Severity;
import java.time.Instant;
import java.util.List;

/**
 * The explained result of processing one event, in seed 000's shape: {@code status}, {@code
 * severity}, {@code confidence}, {@code multi_agent_analysis}, {@code business_impact} and {@code
 * healing_actions}.
 *
 * @param status NORMAL or ANOMALY; REJECTED when the event was refused, with {@code problems}
 *     naming each invalid field
 * @param businessImpact null unless anomalous
 * @param detection the detectors' raw verdict (null when rejected)
 * @param incidentId the incident this event belongs to, null if none
 */
public record AnalysisResult(
        String service,
        Instant timestamp,
        Status status,
        Severity severity,
        double confidence,
        MultiAgentAnalysis multiAgentAnalysis,
        BusinessImpact businessImpact,
        List<HealingStep> healingActions,
        String incidentId,
        Detection detection,
        List<String> problems) {

    public enum Status {
        NORMAL,
        ANOMALY,
        REJECTED
    }

    public AnalysisResult {
        healingActions = List.copyOf(healingActions);
        problems = List.copyOf(problems);
    }

    public boolean isAnomaly() {
        return status == Status.ANOMALY;
    }

    static AnalysisResult rejected(String service, Instant timestamp, List<String> problems) {
        return new AnalysisResult(
                service, timestamp, Status.REJECTED, Severity.LOW, 0, null, null, List.of(), null, null, problems);
    }
}
