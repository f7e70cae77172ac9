package dev.arf.examples;

import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.HealingStep;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;

/**
 * Seed 000's quickstart in Java: a database that is healthy for a while, then melts down. The engine
 * learns its normal behaviour, detects the meltdown, explains it and proposes healing actions.
 */
public final class Quickstart {
    private Quickstart() {}

    public static void main(String[] args) {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-11-27T09:00:00Z"));
        try (ReliabilityEngine engine = ReliabilityEngine.builder().clock(clock).build()) {
            System.out.println("ARF Quickstart: detecting a database incident");
            AnalysisResult result = null;
            for (int minute = 0; minute < 45; minute++) {
                boolean meltdown = minute >= 40;
                TelemetryEvent event = TelemetryEvent.builder("database", clock.instant())
                        .latencyP99(meltdown ? 850 : 120 + (minute % 5) * 4)
                        .errorRate(meltdown ? 0.35 : 0.002 + (minute % 3) * 0.001)
                        .throughput(meltdown ? 450 : 1_200 + (minute % 4) * 20)
                        .cpuUtil(meltdown ? 0.78 : 0.42 + (minute % 2) * 0.02)
                        .memoryUtil(meltdown ? 0.98 : 0.61)
                        .build();
                result = engine.process(event);
                if (result.isAnomaly()) {
                    break;
                }
                clock.advance(Duration.ofMinutes(1));
            }
            if (result == null || !result.isAnomaly()) {
                throw new IllegalStateException("the meltdown was not detected");
            }
            System.out.println("Status:     " + result.status());
            System.out.println("Severity:   " + result.severity().key());
            System.out.printf("Confidence: %.1f%%%n", result.confidence() * 100);
            System.out.println(
                    "Diagnosis:  " + result.multiAgentAnalysis().diagnostician().summary());
            System.out.println(
                    "Prediction: " + result.multiAgentAnalysis().predictive().summary());
            System.out.println("Recommended actions:");
            result.multiAgentAnalysis().recommendedActions().stream()
                    .limit(3)
                    .forEach(a -> System.out.println("  - " + a));
            System.out.printf(
                    "Business impact: $%.2f lost so far, %d users affected (%s)%n",
                    result.businessImpact().revenueLossEstimate(),
                    result.businessImpact().affectedUsersEstimate(),
                    result.businessImpact().severityLevel().key());
            System.out.println("Healing actions:");
            for (HealingStep step : result.healingActions()) {
                System.out.println("  - " + step.action().key() + " (" + step.status() + ": " + step.detail() + ")");
            }
        }
    }
}
