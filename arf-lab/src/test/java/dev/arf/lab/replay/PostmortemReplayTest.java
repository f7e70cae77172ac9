package dev.arf.lab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The five public outages replayed through the real engine, and the report written from the run. */
class PostmortemReplayTest {
    @TempDir
    static Path out;

    private static List<OutageReplay> replays;
    private static String report;

    @BeforeAll
    static void replayTheFiveOutages() throws Exception {
        replays = new PostmortemBenchmark(new OutageReplayer())
                .run(OutageCatalog.all(), PostmortemBenchmark.Progress.NONE);
        ReplayReport.write(
                out,
                ReplayReport.BENCHMARK_FILE,
                "ARF post-mortem replay benchmark",
                replays,
                new ReplayReport.Context("arf benchmark", "test", Duration.ofSeconds(1)));
        report = Files.readString(out.resolve(ReplayReport.BENCHMARK_FILE));
    }

    /** Feeds a replay's events to a fresh engine and returns when it opened its first incident. */
    private static Optional<Instant> firstIncidentOpened(ReplayResult replay) {
        VirtualClock clock = new VirtualClock(replay.samples().get(0).at());
        try (ReliabilityEngine engine = ReliabilityEngine.builder().clock(clock).build()) {
            for (ReplayedSample s : replay.samples()) {
                clock.setTo(s.at());
                TelemetryEvent.Builder b =
                        TelemetryEvent.builder(replay.timeline().service(), s.at());
                for (Map.Entry<Metric, Double> e : s.values().entrySet()) {
                    switch (e.getKey()) {
                        case LATENCY_P99 -> b.latencyP99(e.getValue());
                        case ERROR_RATE -> b.errorRate(e.getValue());
                        case THROUGHPUT -> b.throughput(e.getValue());
                        case CPU_UTIL -> b.cpuUtil(e.getValue());
                        default -> throw new AssertionError("not in the built-in timelines: " + e.getKey());
                    }
                }
                AnalysisResult result = engine.process(b.build());
                if (result.isAnomaly() && result.incidentId() != null) {
                    return engine.incident(result.incidentId()).map(i -> i.detectedAt());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void theReportedDetectionIsWhenTheEngineOpenedItsIncident() {
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
        assertThat(replays).hasSize(5).allSatisfy(replay -> {
            ReplayResult r = replay.reconstructed();
            Instant opened = firstIncidentOpened(r).orElseThrow();
            double minute = Duration.between(r.impactAt(), opened).toMillis() / 60_000.0;
            assertThat(r.incidentOpenedAt()).contains(opened);
            assertThat(r.detectionMinute()).hasValue(minute);
            String id = r.detection().orElseThrow().incidentId();
            assertThat(report)
                    .contains("Incident `" + id + "` opened at " + ReplayReport.minute(minute) + " (virtual "
                            + clock.format(opened) + " UTC)");
            assertThat(report).contains("| " + ReplayReport.minute(minute) + " (");
        });
    }

    @Test
    void theReportCarriesTheAgentsOwnAnalysis() {
        for (OutageReplay replay : replays) {
            Finding d = replay.reconstructed().detection().orElseThrow();
            assertThat(report).contains("Detective: " + d.detective());
            assertThat(report)
                    .contains("Impact agent at detection: " + d.businessImpact().summary());
            Finding diagnosis = replay.reconstructed().diagnosis().orElseThrow();
            assertThat(report).contains("**" + diagnosis.causeTitle() + "**");
            diagnosis.recommendedActions().forEach(a -> assertThat(report).contains("  - " + a));
        }
    }

    @Test
    void theReportLinksEachPostmortemAndSaysHowSparseTheTimelineIs() {
        for (OutageTimeline t : OutageCatalog.all()) {
            assertThat(report).contains("<" + t.postmortemUrl() + ">", t.reconstructionNotes(), t.postmortemSays());
        }
        assertThat(report).contains("Read this first", "Widest gap between points", "abrupt onset");
    }

    @Test
    void noIncidentOpensDuringTheSteadyLeadIn() {
        assertThat(replays).allSatisfy(r -> {
            assertThat(r.reconstructed().openedDuringLeadIn()).isZero();
            assertThat(r.abruptOnset().orElseThrow().openedDuringLeadIn()).isZero();
        });
    }

    @Test
    void withoutThePrecursorPointsNothingIsDetectedBeforeImpact() {
        assertThat(replays).allSatisfy(r -> {
            ReplayResult abrupt = r.abruptOnset().orElseThrow();
            assertThat(abrupt.timeline().points())
                    .filteredOn(p -> p.minute() < abrupt.timeline().impactStartMinute())
                    .allSatisfy(p -> assertThat(p.values())
                            .isEqualTo(abrupt.timeline().points().get(0).values()));
            assertThat(abrupt.verdict()).isNotEqualTo(ReplayResult.Verdict.BEFORE_IMPACT);
        });
    }

    @Test
    void theChartsAreValidPngs() throws Exception {
        for (OutageTimeline t : OutageCatalog.all()) {
            assertThat(ImageIO.read(out.resolve(ReplayReport.chartFile(t)).toFile()))
                    .isNotNull();
        }
        assertThat(ImageIO.read(out.resolve(ReplayReport.SUMMARY_CHART).toFile()))
                .isNotNull()
                .satisfies(i -> assertThat(i.getWidth()).isGreaterThan(500));
    }

    @Test
    void aReplayIsTheSameForTheSameSeed() {
        OutageTimeline github = OutageCatalog.byId("github-2018").orElseThrow();
        ReplayResult again = new OutageReplayer().replay(github);
        ReplayResult first = replays.get(1).reconstructed();
        assertThat(again.detectionMinute()).isEqualTo(first.detectionMinute());
        assertThat(again.incidents()).isEqualTo(first.incidents());
        assertThat(again.detection().orElseThrow().confidence())
                .isEqualTo(first.detection().orElseThrow().confidence());
    }

    @Test
    void aTimelineThatNeverDegradesIsNotDetected(@TempDir Path dir) throws Exception {
        OutageTimeline flat = new TimelineReader().read("""
                        # name: A quiet afternoon
                        minute,latency_p99,error_rate,throughput,cpu_util
                        -30,120,0.01,800,0.4
                        0,120,0.01,800,0.4
                        30,120,0.01,800,0.4
                        """.getBytes(StandardCharsets.UTF_8), "quiet.csv");
        OutageReplay replay = new OutageReplayer().replayBoth(flat);
        assertThat(replay.reconstructed().verdict()).isEqualTo(ReplayResult.Verdict.NOT_DETECTED);
        assertThat(replay.reconstructed().detection()).isEmpty();
        assertThat(replay.reconstructed().incidents()).isEmpty();

        ReplayReport.write(
                dir,
                ReplayReport.REPLAY_FILE,
                "ARF replay: A quiet afternoon",
                List.of(replay),
                new ReplayReport.Context("arf replay quiet.csv", "test", Duration.ofMillis(10)));
        assertThat(Files.readString(dir.resolve(ReplayReport.REPLAY_FILE)))
                .contains("**ARF, as reconstructed: not detected: ARF opened no incident in the 75 minutes replayed**")
                .contains("| not detected |");
        assertThat(ImageIO.read(dir.resolve("quiet.png").toFile())).isNotNull();
        assertThat(dir.resolve(ReplayReport.SUMMARY_CHART)).doesNotExist();
    }

    @Test
    void aUsersJsonTimelineReplaysWithItsOwnProfile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("db-meltdown.json");
        Files.writeString(file, """
                {
                  "name": "Our database meltdown",
                  "service": "orders",
                  "impact_start_minute": 0,
                  "profile": {"revenue_per_minute": 2000, "requests_per_user_per_minute": 6, "latency_budget_ms": 400},
                  "points": [
                    {"minute": -20, "latency_p99": 90, "error_rate": 0.002, "throughput": 900, "cpu_util": 0.35},
                    {"minute": 0, "latency_p99": 95, "error_rate": 0.003, "throughput": 900, "cpu_util": 0.36},
                    {"minute": 1, "latency_p99": 1800, "error_rate": 0.40, "throughput": 700, "cpu_util": 0.40},
                    {"minute": 10, "latency_p99": 2500, "error_rate": 0.60, "throughput": 500, "cpu_util": 0.40}
                  ]
                }
                """);
        OutageReplay replay = new OutageReplayer().replayBoth(new TimelineReader().read(file));
        ReplayResult r = replay.reconstructed();
        assertThat(r.verdict()).isEqualTo(ReplayResult.Verdict.LATE);
        assertThat(r.detectionMinute().getAsDouble()).isBetween(0.0, 3.0);
        assertThat(r.last().orElseThrow().businessImpact().revenueLossPerMinute())
                .isGreaterThan(500);
        List<Path> written = ReplayReport.write(
                dir.resolve("out"),
                ReplayReport.REPLAY_FILE,
                "ARF replay: Our database meltdown",
                List.of(replay),
                new ReplayReport.Context("arf replay db-meltdown.json", "test", Duration.ofMillis(10)));
        assertThat(written)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("replay_report.md", "db-meltdown.png");
        assertThat(Files.readString(written.get(0)))
                .contains("detected late: ", "each timeline's own profile where it gives one");
    }
}
