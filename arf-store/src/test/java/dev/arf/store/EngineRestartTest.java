package dev.arf.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.incident.Incident;
import dev.arf.core.incident.IncidentState;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the engine saw and did survives a restart on the embedded store. */
class EngineRestartTest {
    @TempDir
    Path dataDir;

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-27T09:00:00Z"));
    private final SplittableRandom random = new SplittableRandom(3);

    private AnalysisResult feed(ReliabilityEngine engine, boolean failing) {
        AnalysisResult result = engine.process(TelemetryEvent.builder("payments", clock.instant())
                .latencyP50(failing ? 400 : 40 + random.nextDouble(3))
                .latencyP95(failing ? 700 : 80 + random.nextDouble(5))
                .latencyP99(failing ? 900 : 120 + random.nextDouble(8))
                .errorRate(failing ? 0.3 : 0.002 + random.nextDouble(0.001))
                .throughput(500 + random.nextDouble(10))
                .cpuUtil(0.4 + random.nextDouble(0.02))
                .memoryUtil(0.5)
                .build());
        clock.advance(Duration.ofSeconds(15));
        return result;
    }

    @Test
    void anOpenIncidentTelemetryAndBaselinesSurviveARestart() {
        String incidentId;
        try (ReliabilityStore store = Stores.embedded(dataDir);
                ReliabilityEngine engine =
                        ReliabilityEngine.builder().clock(clock).store(store).build()) {
            for (int i = 0; i < 120; i++) {
                feed(engine, false);
            }
            AnalysisResult result = null;
            for (int i = 0; i < 4; i++) {
                result = feed(engine, true);
            }
            assertThat(result.isAnomaly()).isTrue();
            incidentId = result.incidentId();
        }

        try (ReliabilityStore store = Stores.embedded(dataDir);
                ReliabilityEngine engine =
                        ReliabilityEngine.builder().clock(clock).store(store).build()) {
            assertThat(store.recentEvents("payments", 1_000)).hasSize(124);
            assertThat(store.snapshot("payments")).isPresent();
            assertThat(store.anomalies("payments", 10)).isNotEmpty();
            assertThat(engine.openIncidents()).extracting(Incident::id).containsExactly(incidentId);

            AnalysisResult again = feed(engine, true);
            assertThat(again.incidentId())
                    .as("deduplicated into the restored incident")
                    .isEqualTo(incidentId);

            for (int i = 0; i < 30; i++) {
                feed(engine, false);
            }
            assertThat(store.incident(incidentId)).hasValueSatisfying(incident -> {
                assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
                assertThat(incident.timeToResolve()).isPresent();
            });
        }
    }
}
