package dev.arf.lab.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.telemetry.Metric;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineReaderTest {
    private static final TimelineReader READER = new TimelineReader();

    private static OutageTimeline read(String text, String name) {
        return READER.read(text.getBytes(StandardCharsets.UTF_8), name);
    }

    private static List<TimelineProblem> problems(String text, String name) {
        try {
            read(text, name);
        } catch (TimelineException e) {
            return e.problems();
        }
        throw new AssertionError("expected " + name + " to be refused");
    }

    @Test
    void readsAJsonTimelineWithEveryField() {
        OutageTimeline t = read("""
                {
                  "id": "my-outage",
                  "name": "My outage",
                  "date": "2025-03-01",
                  "postmortem_url": "https://example.com/pm",
                  "service": "checkout",
                  "description": "d",
                  "impact_start_minute": 2,
                  "postmortem_says": "p",
                  "reconstruction_notes": "r",
                  "hold_after_minutes": 5,
                  "profile": {"revenue_per_minute": 100, "requests_per_user_per_minute": 3, "latency_budget_ms": 300},
                  "points": [
                    {"minute": 0, "latency_p99": 80, "error_rate": 0.01, "throughput": 900, "cpu_util": 0.4},
                    {"minute": 2, "latency_p99": 900, "error_rate": 0.2, "throughput": 400, "memory_util": 0.7}
                  ]
                }
                """, "mine.json");
        assertThat(t.id()).isEqualTo("my-outage");
        assertThat(t.service()).isEqualTo("checkout");
        assertThat(t.impactStartMinute()).isEqualTo(2);
        assertThat(t.holdAfterMinutes()).isEqualTo(5);
        assertThat(t.profile())
                .hasValueSatisfying(p -> assertThat(p.revenuePerMinute()).isEqualTo(100));
        assertThat(t.points()).hasSize(2);
        assertThat(t.points().get(1).value(Metric.MEMORY_UTIL)).isEqualTo(0.7);
        assertThat(t.points().get(1).value(Metric.CPU_UTIL)).isNaN();
        assertThat(t.pointsBeforeImpact()).isEqualTo(1);
    }

    @Test
    void acceptsTheSeedsShortMetricNamesAndDefaultsTheRest() {
        OutageTimeline t = read("""
                {"points": [{"minute": -10, "latency": 85, "cpu": 0.3, "memory": 0.5},
                            {"minute": 0, "latency": 350, "cpu": 0.9, "memory": 0.6}]}
                """, "Seed Style.json");
        assertThat(t.id()).isEqualTo("seed-style");
        assertThat(t.name()).isEqualTo("seed-style");
        assertThat(t.service()).isEqualTo("service");
        assertThat(t.impactStartMinute()).isZero();
        assertThat(t.points().get(0).value(Metric.LATENCY_P99)).isEqualTo(85);
        assertThat(t.points().get(0).value(Metric.CPU_UTIL)).isEqualTo(0.3);
        assertThat(t.points().get(0).value(Metric.MEMORY_UTIL)).isEqualTo(0.5);
    }

    @Test
    void readsACsvTimelineWithMetadataCommentsAndEmptyCells() {
        OutageTimeline t = read("""
                # name: Payments brown-out
                # service: payments
                # impact_start_minute: 0
                # profile.revenue_per_minute: 250
                # profile.requests_per_user_per_minute: 4
                # profile.latency_budget_ms: 400
                # any other comment is ignored
                minute,latency_p99,error_rate,cpu_util
                -10,120,0.01,
                -5,150,0.02,0.5
                0,900,0.30,0.95
                """, "payments.csv");
        assertThat(t.name()).isEqualTo("Payments brown-out");
        assertThat(t.service()).isEqualTo("payments");
        assertThat(t.profile()).isPresent();
        assertThat(t.points()).hasSize(3);
        assertThat(t.points().get(0).values()).doesNotContainKey(Metric.CPU_UTIL);
        assertThat(t.points().get(2).value(Metric.ERROR_RATE)).isEqualTo(0.30);
    }

    @Test
    void theSameTimelineReadsAlikeFromJsonAndCsv() {
        OutageTimeline json = read("""
                {"points": [{"minute": -5, "latency_p99": 100, "error_rate": 0.01},
                            {"minute": 0, "latency_p99": 700, "error_rate": 0.2}]}
                """, "same.json");
        OutageTimeline csv = read("minute,latency_p99,error_rate\n-5,100,0.01\n0,700,0.2\n", "same.csv");
        assertThat(csv).isEqualTo(json);
    }

    @Test
    void aJsonSyntaxErrorNamesFileLineAndColumn() {
        List<TimelineProblem> problems = problems("{\n  \"points\": [\n    {\"minute\": 1,,}\n  ]\n}\n", "bad.json");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).toString()).startsWith("bad.json:3:");
        assertThat(problems.get(0).column()).isGreaterThan(1);
        assertThat(problems.get(0).message()).startsWith("not valid JSON:");
    }

    @Test
    void everyProblemOfAJsonFileIsReportedAtOnceWithItsPlace() {
        List<TimelineProblem> problems = problems("""
                {
                  "name": 7,
                  "colour": "red",
                  "points": [
                    {"minute": 0, "error_rate": 1.5},
                    {"minute": 0, "latancy": 10},
                    {"minute": "soon", "latency_p99": -3}
                  ]
                }
                """, "many.json");
        assertThat(problems)
                .extracting(TimelineProblem::toString)
                .contains(
                        "many.json:2:11: name: must be a string, found a number",
                        "many.json:5:33: points[0].error_rate: a fraction between 0 and 1, got 1.5",
                        "many.json:7:16: points[2].minute: must be a number, found a string",
                        "many.json:7:39: points[2].latency_p99: must be 0 or more (ms), got -3");
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.field()).isEqualTo("colour");
            assertThat(p.message()).startsWith("unknown field; known:");
        });
        assertThat(problems).hasSize(7);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.field()).isEqualTo("points[1].latancy");
            assertThat(p.message()).startsWith("unknown metric; known: minute, latency_p50");
        });
    }

    @Test
    void minutesMustIncrease() {
        List<TimelineProblem> problems = problems("minute,error_rate\n0,0.01\n5,0.02\n5,0.5\n", "order.csv");
        assertThat(problems)
                .extracting(TimelineProblem::toString)
                .containsExactly("order.csv:4:1: points[2].minute: minutes must increase: 5 comes after 5");
    }

    @Test
    void aCsvRowIsCheckedCellByCellWithItsColumn() {
        List<TimelineProblem> problems =
                problems("minute,latency_p99,error_rate\n0,12x,0.01\n1,100\n2,100,NaN\n", "cells.csv");
        assertThat(problems)
                .extracting(TimelineProblem::toString)
                .containsExactly(
                        "cells.csv:2:3: points[0].latency_p99: not a number: '12x'",
                        "cells.csv:3:1: points[1]: row has 2 fields, the header has 3",
                        "cells.csv:4:7: points[2].error_rate: not a number: 'NaN'");
    }

    @Test
    void aCsvHeaderMustNameMinuteAndKnownMetrics() {
        assertThat(problems("time,latency_p99,errors\n0,1,2\n", "header.csv"))
                .extracting(TimelineProblem::toString)
                .containsExactly(
                        "header.csv:1:1: header: unknown column 'time'; known: minute, latency_p50, latency_p95,"
                                + " latency_p99, error_rate, throughput, cpu_util, memory_util, cpu, latency, memory",
                        "header.csv:1:18: header: unknown column 'errors'; known: minute, latency_p50, latency_p95,"
                                + " latency_p99, error_rate, throughput, cpu_util, memory_util, cpu, latency, memory",
                        "header.csv:1:1: header: no 'minute' column; the header names minute and the metric columns,"
                                + " e.g. minute,latency_p99,error_rate");
    }

    @Test
    void aTimelineNeedsTwoPointsAndAnImpactWithinThem() {
        assertThat(problems("minute,error_rate\n0,0.01\n", "one.csv"))
                .extracting(TimelineProblem::message)
                .containsExactly("at least two points are needed, got 1");
        assertThat(problems("# impact_start_minute: 30\nminute,error_rate\n0,0.01\n10,0.5\n", "late.csv"))
                .extracting(TimelineProblem::toString)
                .containsExactly(
                        "late.csv:1:1: impact_start_minute: must lie within the timeline, minutes 0 to 10; got 30");
    }

    @Test
    void emptyBinaryAndOversizedFilesAreRefusedPlainly() {
        assertThat(problems("", "empty.json"))
                .extracting(TimelineProblem::message)
                .containsExactly("empty file: expected a JSON object with \"points\"");
        assertThat(problems("", "empty.csv"))
                .extracting(TimelineProblem::message)
                .containsExactly("no header line: expected e.g. minute,latency_p99,error_rate");
        assertThatThrownBy(() -> READER.read(new byte[] {(byte) 0xff, (byte) 0xfe, 0}, "binary.csv"))
                .isInstanceOf(TimelineException.class)
                .hasMessage("binary.csv:1:1: document: not UTF-8 text");
        assertThatThrownBy(() -> READER.read(new byte[TimelineReader.MAX_BYTES + 1], "huge.csv"))
                .hasMessage("huge.csv:1:1: document: file is larger than 1048576 bytes (1 MiB)");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> READER.read(missing))
                .isInstanceOf(TimelineException.class)
                .hasMessage(missing + ":1:1: document: no such file");
    }

    @Test
    void readsAFileByItsExtensionOrItsFirstCharacter(@TempDir Path dir) throws Exception {
        Path noExtension = dir.resolve("timeline");
        Files.writeString(
                noExtension, "{\"points\": [{\"minute\": 0, \"error_rate\": 0}, {\"minute\": 1, \"error_rate\": 1}]}");
        assertThat(READER.read(noExtension).points()).hasSize(2);
        Files.writeString(noExtension, "minute,error_rate\n0,0\n1,1\n");
        assertThat(READER.read(noExtension).points()).hasSize(2);
    }

    @Test
    void theBuiltInOutagesAreTheFiveOfSeed000() {
        assertThat(OutageCatalog.all())
                .extracting(OutageTimeline::id)
                .containsExactly("aws-s3-2017", "github-2018", "crowdstrike-2024", "cloudflare-2019", "facebook-2019");
        assertThat(OutageCatalog.all()).allSatisfy(t -> {
            assertThat(t.postmortemUrl()).startsWith("https://");
            assertThat(t.postmortemSays()).isNotBlank();
            assertThat(t.reconstructionNotes()).isNotBlank();
            assertThat(t.points()).hasSize(5);
        });
    }
}
