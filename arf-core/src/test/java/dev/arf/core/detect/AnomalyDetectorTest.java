package dev.arf.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.telemetry.Operator;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
    private static final DetectorSettings WITHOUT_RCF =
            DetectorSettings.builder().rcf(RcfSettings.disabled()).build();
    private static final DetectorSettings SMALL_RCF = DetectorSettings.builder()
            .rcf(RcfSettings.defaults().withForest(10, 64))
            .build();

    private final SplittableRandom rnd = new SplittableRandom(42);

    private static List<Detection> feed(AnomalyDetector detector, List<TelemetryEvent> events) {
        List<Detection> out = new ArrayList<>();
        for (TelemetryEvent e : events) {
            out.add(detector.observe(e));
        }
        return out;
    }

    private List<TelemetryEvent> normal(String service, int fromMinute, int toMinute) {
        List<TelemetryEvent> events = new ArrayList<>();
        for (int m = fromMinute; m < toMinute; m++) {
            events.add(Telemetry.normalAt(service, m, rnd));
        }
        return events;
    }

    private TelemetryEvent latency(String service, int minute, double factor) {
        return Telemetry.normal(service, Telemetry.minute(minute), rnd)
                .latencyP50(50 * factor)
                .latencyP95(90 * factor)
                .latencyP99(120 * factor)
                .build();
    }

    private static int episodes(List<Detection> detections) {
        int episodes = 0;
        boolean was = false;
        for (Detection d : detections) {
            if (d.anomalous() && !was) {
                episodes++;
            }
            was = d.anomalous();
        }
        return episodes;
    }

    @Test
    void aSteadyServiceIsNormalAndItsDetectionsAreEmpty() {
        AnomalyDetector detector = new AnomalyDetector(WITHOUT_RCF);
        List<Detection> detections = feed(detector, normal("checkout", 0, 200));
        assertThat(detections.get(0).warmingUp()).isTrue();
        Detection last = detections.get(detections.size() - 1);
        assertThat(last.warmingUp()).isFalse();
        assertThat(last.anomalous()).isFalse();
        assertThat(last.anomalousSince()).isNull();
        assertThat(last.score()).isLessThan(0.3);
        assertThat(last.severity()).isEqualTo(Severity.LOW);
        assertThat(last.signals()).isEmpty();
        assertThat(last.forecasts()).isEmpty();
        assertThat(last.rules()).isEmpty();
        assertThat(detections).noneMatch(Detection::anomalous);
        assertThat(detector.serviceCount()).isOne();
    }

    @Test
    void aSingleSampleSpikeInAnyOneMetricFamilyNeverMakesTheServiceAnomalous() {
        List<UnaryOperator<TelemetryEvent.Builder>> spikes = List.of(
                b -> b.latencyP50(400).latencyP95(900).latencyP99(3000),
                b -> b.errorRate(0.9),
                b -> b.throughput(5),
                b -> b.cpuUtil(1.0),
                b -> b.memoryUtil(0.99));
        for (int s = 0; s < spikes.size(); s++) {
            AnomalyDetector detector = new AnomalyDetector(SMALL_RCF);
            List<Detection> detections = feed(detector, normal("api", 0, 150));
            detections.add(detector.observe(spikes.get(s)
                    .apply(Telemetry.normal("api", Telemetry.minute(150), rnd))
                    .build()));
            Detection spike = detections.get(detections.size() - 1);
            assertThat(spike.score()).as("spike %d", s).isGreaterThan(0.6).isLessThanOrEqualTo(0.9);
            assertThat(spike.signals()).as("spike %d is explained", s).isNotEmpty();
            detections.addAll(feed(detector, normal("api", 151, 170)));
            assertThat(detections).as("spike %d", s).noneMatch(Detection::anomalous);
        }
    }

    @Test
    void aSustainedShiftIsAnomalousWithinTwoSamplesSinceItsFirstSample() {
        AnomalyDetector detector = new AnomalyDetector(WITHOUT_RCF);
        feed(detector, normal("api", 0, 100));
        Detection first = detector.observe(latency("api", 100, 4));
        Detection second = detector.observe(latency("api", 101, 4));
        assertThat(first.anomalous()).isFalse();
        assertThat(second.anomalous()).isTrue();
        assertThat(second.anomalousSince()).isEqualTo(Telemetry.minute(100));
        assertThat(second.severity()).isGreaterThanOrEqualTo(Severity.MEDIUM);
        Signal strongest = second.signals().get(0);
        assertThat(strongest.kind()).isEqualTo(SignalKind.BASELINE);
        assertThat(strongest.explanation())
                .matches("latency_p\\d\\d \\d+ms is \\d+\\.\\dσ above its baseline \\d+ms since 13:40:00");
        for (int m = 102; m < 110; m++) {
            assertThat(detector.observe(latency("api", m, 4)).anomalous()).isTrue();
        }
        List<Detection> recovery = feed(detector, normal("api", 110, 115));
        assertThat(recovery.get(0).anomalous())
                .as("one normal sample is not recovery")
                .isTrue();
        assertThat(recovery.get(1).anomalous()).isTrue();
        assertThat(recovery.get(2).anomalous()).as("three normal samples are").isFalse();
        assertThat(recovery.get(2).anomalousSince()).isNull();
    }

    @Test
    void aMetricFlappingEverySampleMakesAtMostOneEpisode() {
        for (DetectorSettings settings : List.of(WITHOUT_RCF, SMALL_RCF)) {
            AnomalyDetector detector = new AnomalyDetector(settings);
            List<Detection> detections = feed(detector, normal("api", 0, 100));
            for (int m = 100; m < 300; m++) {
                detections.add(detector.observe(m % 2 == 0 ? latency("api", m, 5) : latency("api", m, 1)));
            }
            assertThat(episodes(detections)).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aFiringRuleMakesTheServiceAnomalousAtOnceSinceTheRuleBecameActive() {
        ThresholdRule queue = new ThresholdRule(
                "queue_backlog", "queue_depth", Operator.GT, 100, Duration.ofMinutes(2), Severity.CRITICAL);
        AnomalyDetector detector = new AnomalyDetector(
                WITHOUT_RCF.toBuilder().rules(List.of(queue)).build());
        feed(detector, normal("worker", 0, 50));
        List<Detection> detections = new ArrayList<>();
        for (int m = 50; m < 53; m++) {
            detections.add(detector.observe(Telemetry.normal("worker", Telemetry.minute(m), rnd)
                    .custom("queue_depth", 500)
                    .build()));
        }
        assertThat(detections.get(0).rules()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(RuleState.PENDING);
            assertThat(r.activeSince()).isEqualTo(Telemetry.minute(50));
        });
        assertThat(detections.get(0).anomalous()).isFalse();
        Detection firing = detections.get(2);
        assertThat(firing.anomalous()).isTrue();
        assertThat(firing.anomalousSince()).isEqualTo(Telemetry.minute(50));
        assertThat(firing.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(firing.signals().get(0).kind()).isEqualTo(SignalKind.THRESHOLD);
        assertThat(firing.signals().get(0).explanation())
                .isEqualTo("rule queue_backlog firing: queue_depth 500.0 > 100.0 since 12:50:00");
    }

    @Test
    void aRisingLatencyIsForecastBeforeItCrossesItsThreshold() {
        AnomalyDetector detector = new AnomalyDetector(WITHOUT_RCF);
        feed(detector, normal("api", 0, 60));
        Detection last = null;
        for (int m = 60; m < 100; m++) {
            last = detector.observe(Telemetry.normal("api", Telemetry.minute(m), rnd)
                    .latencyP99(120 + 15 * (m - 60))
                    .build());
        }
        assertThat(last.forecasts()).singleElement().satisfies(f -> {
            assertThat(f.metric()).isEqualTo("latency_p99");
            assertThat(f.timeToThreshold()).isPresent();
            assertThat(f.explanation()).startsWith("latency_p99 reaches 1000ms in ");
        });
        assertThat(last.signals()).anyMatch(s -> s.kind() == SignalKind.FORECAST);
    }

    @Test
    void theSameSeedAndEventsGiveIdenticalDetections() {
        List<TelemetryEvent> events = new ArrayList<>();
        for (String service : List.of("a", "b", "c")) {
            events.addAll(normal(service, 0, 120));
            for (int m = 120; m < 130; m++) {
                events.add(latency(service, m, 3));
            }
        }
        List<Detection> first = feed(new AnomalyDetector(SMALL_RCF), events);
        List<Detection> second = feed(new AnomalyDetector(SMALL_RCF), events);
        assertThat(second).isEqualTo(first);
        assertThat(first).anyMatch(Detection::anomalous);
    }

    @Test
    void aLateEventIsJudgedButChangesNoState() {
        List<TelemetryEvent> before = normal("api", 0, 100);
        List<TelemetryEvent> after = normal("api", 100, 140);
        TelemetryEvent late = latency("api", 50, 5);

        AnomalyDetector plain = new AnomalyDetector(SMALL_RCF);
        feed(plain, before);
        List<Detection> expected = feed(plain, after);

        AnomalyDetector withLate = new AnomalyDetector(SMALL_RCF);
        feed(withLate, before);
        Detection judged = withLate.observe(late);
        List<Detection> actual = feed(withLate, after);

        assertThat(judged.signals()).anyMatch(s -> s.kind() == SignalKind.BASELINE);
        assertThat(judged.anomalous()).isFalse();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aRestoredSnapshotJudgesTheFirstEventAgainstTheStoredBaselines() {
        AnomalyDetector learned = new AnomalyDetector(WITHOUT_RCF);
        feed(learned, normal("api", 0, 100));
        DetectorSnapshot snapshot = learned.snapshot("api").orElseThrow();
        assertThat(snapshot.takenAt()).isEqualTo(Telemetry.minute(99));
        assertThat(snapshot.baselines()).containsKeys("latency_p99", "error_rate", "throughput");
        assertThat(snapshot.baselines().get("latency_p99").center()).isBetween(110.0, 130.0);

        AnomalyDetector fresh = new AnomalyDetector(WITHOUT_RCF);
        fresh.restore(snapshot);
        assertThat(fresh.snapshot("api")).contains(snapshot);
        Detection d = fresh.observe(latency("api", 5, 6));
        assertThat(d.warmingUp()).isFalse();
        assertThat(d.signals()).anyMatch(s -> s.kind() == SignalKind.BASELINE);
        assertThat(fresh.snapshot("nobody")).isEmpty();
    }

    @Test
    void unreportedMetricsAreSkippedWithoutPoisoningAnything() {
        AnomalyDetector detector = new AnomalyDetector(SMALL_RCF);
        feed(detector, normal("api", 0, 100));
        for (int m = 100; m < 140; m++) {
            Detection d = detector.observe(TelemetryEvent.builder("api", Telemetry.minute(m))
                    .errorRate(0.01)
                    .build());
            assertThat(d.score()).isLessThan(0.3);
            assertThat(d.anomalous()).isFalse();
        }
        DetectorSnapshot snapshot = detector.snapshot("api").orElseThrow();
        assertThat(snapshot.baselines().values())
                .allSatisfy(s -> assertThat(s.center()).isFinite());
    }

    @Test
    void randomValidEventsNeverThrowAndKeepScoresInTheUnitInterval() {
        SplittableRandom r = new SplittableRandom(2024);
        double[] extremes = {0, 1e-300, 1e-9, 1, 1e6, 1e12, 1e300, Double.MAX_VALUE};
        AnomalyDetector detector = new AnomalyDetector(SMALL_RCF);
        Instant[] clocks = new Instant[8];
        for (int i = 0; i < clocks.length; i++) {
            clocks[i] = Telemetry.T0;
        }
        for (int i = 0; i < 6_000; i++) {
            int s = r.nextInt(clocks.length);
            Instant clock = clocks[s].equals(Instant.MAX) || clocks[s].equals(Instant.MIN) ? Telemetry.T0 : clocks[s];
            clocks[s] = switch (r.nextInt(40)) {
                case 0, 1 -> clock.minusSeconds(r.nextInt(3600));
                case 2 -> r.nextBoolean() ? Instant.MAX : Instant.MIN;
                case 3 -> clock;
                default -> clock.plusSeconds(r.nextInt(1, 120));
            };
            TelemetryEvent.Builder b = TelemetryEvent.builder("svc-" + s, clocks[s]);
            b.latencyP99(value(r, extremes, 1e4));
            if (r.nextInt(4) > 0) {
                b.latencyP50(value(r, extremes, 1e3)).latencyP95(value(r, extremes, 1e3));
            }
            if (r.nextInt(4) > 0) {
                b.errorRate(r.nextInt(10) == 0 ? r.nextInt(2) : r.nextDouble());
            }
            if (r.nextInt(4) > 0) {
                b.throughput(value(r, extremes, 1e5));
            }
            if (r.nextInt(4) > 0) {
                b.cpuUtil(r.nextDouble()).memoryUtil(r.nextInt(10) == 0 ? 1.0 : r.nextDouble());
            }
            Detection d = detector.observe(b.build());
            assertThat(d.score()).isBetween(0.0, 1.0);
            assertThat(d.confidence()).isBetween(0.0, 1.0);
            assertThat(d.severity()).isNotNull();
            for (Signal signal : d.signals()) {
                assertThat(signal.explanation()).isNotBlank();
            }
        }
        assertThat(detector.serviceCount()).isEqualTo(clocks.length);
    }

    private static double value(SplittableRandom r, double[] extremes, double typical) {
        return r.nextInt(10) == 0 ? extremes[r.nextInt(extremes.length)] : typical * r.nextDouble();
    }
}
