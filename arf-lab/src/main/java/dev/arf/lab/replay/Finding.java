package dev.arf.lab.replay;

import dev.arf.core.agents.BusinessImpact;
import dev.arf.core.agents.Cause;
import dev.arf.core.detect.Severity;
import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.HealingStep;
import dev.arf.core.engine.MultiAgentAnalysis;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the engine said about one replayed event, as the report shows it: all of it copied from the
 * engine's {@link AnalysisResult}, nothing computed here.
 *
 * @param minute the event's time relative to customer impact (negative = before impact)
 * @param causeConfidence the Diagnostician's confidence in its cause, 0..1
 * @param prediction the Predictor's sentence ("Critical risk: latency_p99 threshold in 4 minutes")
 * @param healing the healing policies' proposals and what became of them, e.g. {@code
 *     circuit_breaker on s3: SKIPPED (NO_ACTUATOR)}
 * @param businessImpact the Impact agent's estimate at this event
 */
public record Finding(
        double minute,
        Instant at,
        String incidentId,
        double confidence,
        Severity severity,
        String headline,
        String detective,
        List<String> detectiveEvidence,
        String cause,
        String causeTitle,
        double causeConfidence,
        String diagnosis,
        List<String> diagnosisEvidence,
        String prediction,
        List<String> recommendedActions,
        List<String> healing,
        BusinessImpact businessImpact) {

    public Finding {
        detectiveEvidence = List.copyOf(detectiveEvidence);
        diagnosisEvidence = List.copyOf(diagnosisEvidence);
        recommendedActions = List.copyOf(recommendedActions);
        healing = List.copyOf(healing);
    }

    static Finding of(AnalysisResult result, double minute) {
        MultiAgentAnalysis a = result.multiAgentAnalysis();
        Cause cause =
                a.diagnostician() == null ? Cause.UNKNOWN : a.diagnostician().cause();
        return new Finding(
                minute,
                result.timestamp(),
                result.incidentId(),
                result.confidence(),
                result.severity(),
                a.incidentSummary().headline(),
                a.detective().summary(),
                a.detective().evidence(),
                cause.key(),
                cause.title(),
                a.diagnostician() == null ? 0 : a.diagnostician().confidence(),
                a.diagnostician() == null ? "" : a.diagnostician().summary(),
                a.diagnostician() == null ? List.of() : a.diagnostician().evidence(),
                a.predictive() == null ? "" : a.predictive().summary(),
                a.recommendedActions(),
                result.healingActions().stream().map(Finding::describe).toList(),
                result.businessImpact());
    }

    private static String describe(HealingStep step) {
        return String.format(
                Locale.ROOT,
                "%s on %s (%s): %s%s",
                step.action().key(),
                step.target(),
                step.source(),
                step.status().name(),
                step.status() == HealingStep.Status.EXECUTED ? "" : " " + step.reasonCode());
    }
}
