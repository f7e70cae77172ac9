package dev.arf.lab.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the timeline reader (run with {@code JAZZER_FUZZ=1}); a normal test run
 * replays the seeds under {@code TimelineReaderFuzzTestInputs/anyInputReadsOrIsExplained/}. Whatever
 * the bytes, the reader returns a timeline that can be turned into telemetry, or refuses it with
 * located problems; nothing else escapes.
 */
class TimelineReaderFuzzTest {
    private static final TimelineReader READER = new TimelineReader();

    @FuzzTest(maxDuration = "30s")
    void anyInputReadsOrIsExplained(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        OutageTimeline timeline;
        try {
            // no extension: the reader tells JSON from CSV by the first character, as for a user's file
            timeline = READER.read(bytes, "fuzz");
        } catch (TimelineException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.source()).isEqualTo("fuzz");
                assertThat(p.line()).isPositive();
                assertThat(p.column()).isPositive();
                assertThat(p.field()).isNotBlank();
                assertThat(p.message()).isNotBlank();
            });
            return;
        }
        assertThat(timeline.points()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(timeline.impactStartMinute()).isBetween(timeline.firstMinute(), timeline.lastMinute());
        assertThat(TelemetryTrack.of(timeline, ReplaySettings.defaults())).isNotEmpty();
        assertThat(timeline.withAbruptOnset()).isNotNull();
    }
}
