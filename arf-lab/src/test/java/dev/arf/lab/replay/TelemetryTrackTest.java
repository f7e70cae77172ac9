package dev.arf.lab.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arf.core.telemetry.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryTrackTest {
    private static final OutageTimeline TIMELINE =
            new TimelineReader().read("""
                    minute,latency_p99,error_rate,cpu_util
                    -4,100,0.00,
                    0,500,0.40,0.5
                    4,900,0.99,0.9
                    """.getBytes(java.nio.charset.StandardCharsets.UTF_8), "track.csv");

    private static final ReplaySettings NO_NOISE = ReplaySettings.defaults().withNoise(0);

    private static ReplayedSample at(List<ReplayedSample> samples, double minute) {
        return samples.stream()
                .filter(s -> Math.abs(s.minute() - minute) < 1e-9)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void interpolatesLinearlyBetweenPointsAndHoldsBeyondThem() {
        List<ReplayedSample> samples = TelemetryTrack.of(TIMELINE, NO_NOISE);
        assertThat(at(samples, -2).values().get(Metric.LATENCY_P99)).isCloseTo(300, within(1e-9));
        assertThat(at(samples, 2).values().get(Metric.ERROR_RATE)).isCloseTo(0.695, within(1e-9));
        // cpu is first given at minute 0: held at that value before it, never invented as zero
        assertThat(at(samples, -4).values().get(Metric.CPU_UTIL)).isEqualTo(0.5);
        assertThat(at(samples, 10).values().get(Metric.LATENCY_P99)).isEqualTo(900);
    }

    @Test
    void leadsInWithTheFirstPointSteadyAndHoldsTheLastAfterwards() {
        List<ReplayedSample> samples = TelemetryTrack.of(TIMELINE, NO_NOISE);
        assertThat(samples.get(0).minute()).isEqualTo(-64);
        assertThat(samples.get(0).leadIn()).isTrue();
        assertThat(samples.get(0).values()).containsEntry(Metric.LATENCY_P99, 100.0);
        assertThat(samples.get(samples.size() - 1).minute()).isEqualTo(4 + 15);
        assertThat(samples).filteredOn(ReplayedSample::leadIn).hasSize(240);
        assertThat(Duration.between(samples.get(0).at(), samples.get(1).at())).isEqualTo(Duration.ofSeconds(15));
        assertThat(TelemetryTrack.instantOf(TIMELINE, NO_NOISE, 0))
                .isEqualTo(at(samples, 0).at());
    }

    @Test
    void noiseIsSeededAndKeepsRatiosWithinZeroAndOne() {
        List<ReplayedSample> a =
                TelemetryTrack.of(TIMELINE, ReplaySettings.defaults().withNoise(0.5));
        List<ReplayedSample> b =
                TelemetryTrack.of(TIMELINE, ReplaySettings.defaults().withNoise(0.5));
        List<ReplayedSample> c = TelemetryTrack.of(
                TIMELINE, ReplaySettings.defaults().withNoise(0.5).withSeed(7));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a).allSatisfy(s -> {
            for (Map.Entry<Metric, Double> e : s.values().entrySet()) {
                assertThat(e.getValue()).isGreaterThanOrEqualTo(0);
                if (e.getKey().isRatio()) {
                    assertThat(e.getValue()).isLessThanOrEqualTo(1);
                }
            }
        });
    }
}
