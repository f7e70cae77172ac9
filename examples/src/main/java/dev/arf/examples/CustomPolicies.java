package dev.arf.examples;

import dev.arf.config.LoadedPolicies;
import dev.arf.config.PolicyLoader;
import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.policy.HealingPolicy;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Seed 000's custom policies in Java: domain-specific healing policies loaded from YAML (validated
 * against the published JSON Schema) and given to the engine in place of the built-in ones.
 */
public final class CustomPolicies {
    private CustomPolicies() {}

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "examples/custom-policies.yaml");
        LoadedPolicies loaded = new PolicyLoader().load(file);
        System.out.println("Custom policies loaded from " + loaded.source() + ":");
        for (HealingPolicy policy : loaded.policies()) {
            System.out.println("  - " + policy.name() + " (priority " + policy.priority() + ")");
        }

        VirtualClock clock = new VirtualClock(Instant.parse("2026-11-27T09:00:00Z"));
        try (ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .policies(loaded.policies())
                .build()) {
            AnalysisResult result = null;
            for (int minute = 0; minute < 45 && (result == null || !result.isAnomaly()); minute++) {
                boolean slow = minute >= 40;
                result = engine.process(TelemetryEvent.builder("checkout", clock.instant())
                        .latencyP99(slow ? 650 : 90 + minute % 7)
                        .errorRate(slow ? 0.25 : 0.001)
                        .throughput(900)
                        .cpuUtil(0.5)
                        .memoryUtil(0.6)
                        .build());
                clock.advance(Duration.ofMinutes(1));
            }
            if (result == null || !result.isAnomaly()) {
                throw new IllegalStateException("the checkout slowdown was not detected");
            }
            System.out.println("Checkout slowdown detected; policies proposed:");
            result.healingActions()
                    .forEach(s ->
                            System.out.println("  - " + s.action().key() + " by " + s.source() + ": " + s.status()));
        }
    }
}
