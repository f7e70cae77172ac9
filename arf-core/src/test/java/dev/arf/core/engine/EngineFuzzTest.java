package dev.arf.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Coverage-guided fuzzing of {@link ReliabilityEngine#process}: whatever the event, the engine
 * answers (never throws), and a refusal names what is wrong. In a normal test run Jazzer replays the
 * stored inputs; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class EngineFuzzTest {
    private static final VirtualClock CLOCK = new VirtualClock(Instant.parse("2026-11-27T09:00:00Z"));
    private static final ReliabilityEngine ENGINE =
            ReliabilityEngine.builder().clock(CLOCK).maxServices(64).build();

    @FuzzTest(maxDuration = "30s")
    void processAnswersEveryEvent(FuzzedDataProvider data) {
        String service = data.consumeString(40);
        Instant at = data.consumeBoolean()
                ? null
                : Instant.ofEpochSecond(data.consumeLong(-10_000_000_000L, 10_000_000_000L));
        double[] v = new double[7];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.consumeRegularDouble() * (data.consumeBoolean() ? 1 : Double.MIN_NORMAL);
            if (data.consumeInt(0, 9) == 0) {
                v[i] = Double.NaN;
            }
        }
        Map<String, Double> custom = new HashMap<>();
        int customCount = data.consumeInt(0, 3);
        for (int i = 0; i < customCount; i++) {
            custom.put(data.consumeString(10), data.consumeDouble());
        }
        Map<String, String> labels = new HashMap<>();
        if (data.consumeBoolean()) {
            labels.put(data.consumeString(10), data.consumeString(20));
        }
        TelemetryEvent event =
                new TelemetryEvent(service, at, v[0], v[1], v[2], v[3], v[4], v[5], v[6], custom, labels);

        AnalysisResult result = ENGINE.process(event);

        assertThat(result).isNotNull();
        if (result.status() == AnalysisResult.Status.REJECTED) {
            assertThat(result.problems()).isNotEmpty();
        } else {
            assertThat(result.confidence()).isBetween(0.0, 1.0);
        }
    }
}
