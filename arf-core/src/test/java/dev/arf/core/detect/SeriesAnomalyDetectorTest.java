package dev.arf.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.detect.SeriesScore.Cause;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class SeriesAnomalyDetectorTest {
    private static final int DAY = 288;

    /** A daily cycle sampled every 5 minutes, with a little seeded noise. */
    private static IntToDoubleFunction daily(long seed) {
        Random noise = new Random(seed);
        return row -> 50 + 20 * Math.sin(2 * Math.PI * row / DAY) + noise.nextGaussian() * 0.5;
    }

    private static List<SeriesScore> run(SeriesAnomalyDetector detector, int rows, IntToDoubleFunction series) {
        List<SeriesScore> scores = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            scores.add(detector.observe(series.applyAsDouble(row)));
        }
        return scores;
    }

    private static List<Integer> alarms(List<SeriesScore> scores, int from) {
        List<Integer> rows = new ArrayList<>();
        for (int row = from; row < scores.size(); row++) {
            if (scores.get(row).alarm()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void aHealthyDailyCycleRaisesNoAlarmOnceLearned() {
        List<SeriesScore> scores = run(new SeriesAnomalyDetector(), 12 * DAY, daily(1));

        assertThat(alarms(scores, 3 * DAY)).isEmpty();
    }

    @Test
    void aSpikeBeyondEverythingSeenIsANewExtremeAlarmOnItsRow() {
        IntToDoubleFunction base = daily(2);
        int spike = 8 * DAY + 17;
        List<SeriesScore> scores =
                run(new SeriesAnomalyDetector(), 10 * DAY, row -> row == spike ? 120 : base.applyAsDouble(row));

        assertThat(alarms(scores, 3 * DAY)).containsExactly(spike);
        assertThat(scores.get(spike).cause()).isEqualTo(Cause.NEW_EXTREME);
        assertThat(scores.get(spike).score()).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void aCycleThatFlattensWithinItsUsualRangeIsAnUnseenPatternAlarm() {
        IntToDoubleFunction base = daily(3);
        int flatFrom = 8 * DAY;
        int flatTo = flatFrom + DAY / 2;
        List<SeriesScore> scores = run(
                new SeriesAnomalyDetector(),
                10 * DAY,
                row -> row >= flatFrom && row < flatTo
                        ? 50 + (base.applyAsDouble(row) - 50) * 0.02
                        : base.applyAsDouble(row));

        List<Integer> alarms = alarms(scores, 3 * DAY);
        assertThat(alarms).isNotEmpty();
        assertThat(alarms.get(0)).isBetween(flatFrom, flatTo);
        assertThat(scores.get(alarms.get(0)).cause()).isEqualTo(Cause.UNSEEN_PATTERN);
        assertThat(scores.get(alarms.get(0)).rowsPerPoint()).isPositive();
    }

    @Test
    void anAlarmIsFollowedByQuietRowsUntilTheEventHasPassed() {
        SeriesSettings settings = SeriesSettings.DEFAULT;
        IntToDoubleFunction base = daily(4);
        int first = 6 * DAY;
        List<SeriesScore> scores = run(
                new SeriesAnomalyDetector(settings),
                8 * DAY,
                row -> row >= first && row < first + 20 ? 200 + row : base.applyAsDouble(row));

        assertThat(scores.get(first).alarm()).isTrue();
        for (int row = first + 1; row <= first + 20 + settings.quietRows(); row++) {
            assertThat(scores.get(row)).as("row %d", row).isEqualTo(SeriesScore.NONE);
        }
    }

    @Test
    void nothingScoresWhileLearning() {
        SeriesSettings settings = SeriesSettings.DEFAULT;
        Random random = new Random(5);
        List<SeriesScore> scores =
                run(new SeriesAnomalyDetector(settings), settings.learningRows(), row -> random.nextDouble() * row);

        assertThat(scores).allMatch(s -> s.score() == 0 && !s.alarm());
    }

    @Test
    void aConstantSeriesNeverScoresAndNonFiniteValuesAreIgnored() {
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector();
        for (int row = 0; row < 2000; row++) {
            assertThat(detector.observe(7)).isEqualTo(SeriesScore.NONE);
        }
        assertThat(detector.observe(Double.NaN)).isEqualTo(SeriesScore.NONE);
        assertThat(detector.observe(Double.POSITIVE_INFINITY)).isEqualTo(SeriesScore.NONE);
        assertThat(detector.observe(7.5).alarm())
                .as("a new extreme after a constant stretch")
                .isTrue();
    }

    /** Streaming: a row's score depends on the rows before it only, so it is the same whatever follows. */
    @Test
    void scoresDependOnlyOnThePastAndAreReproducible() {
        for (long seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            int rows = 600 + random.nextInt(1500);
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = (i > 0 ? values[i - 1] : 0) + random.nextGaussian() + (random.nextInt(200) == 0 ? 30 : 0);
            }
            int cut = 1 + random.nextInt(rows - 1);
            List<SeriesScore> full = run(new SeriesAnomalyDetector(), rows, i -> values[i]);
            List<SeriesScore> prefix = run(new SeriesAnomalyDetector(), cut, i -> values[i]);

            assertThat(full.subList(0, cut)).as("seed %d, cut %d", seed, cut).isEqualTo(prefix);
        }
    }

    @Test
    void slidingMaxIsTheMaximumOfTheLastValues() {
        Random random = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            int capacity = 1 + random.nextInt(40);
            SeriesAnomalyDetector.SlidingMax max = new SeriesAnomalyDetector.SlidingMax(capacity);
            List<Double> added = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                double value = random.nextInt(4) == 0 ? random.nextDouble() * 100 : random.nextInt(10);
                max.add(value);
                added.add(value);
                double expected = added.subList(Math.max(0, added.size() - capacity), added.size()).stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElseThrow();
                assertThat(max.max()).as("trial %d step %d", trial, i).isEqualTo(expected);
                assertThat(max.size()).isEqualTo(Math.min(added.size(), capacity));
            }
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new SeriesSettings(List.of(), 0.025, 300, 3000, 0.49, 100))
                .hasMessageContaining("series.scales");
        assertThatThrownBy(() -> new SeriesSettings(SeriesSettings.DEFAULT.scales(), 0.025, 300, 3000, 1.5, 100))
                .hasMessageContaining("series.alarmLevel");
        assertThatThrownBy(() -> new SeriesSettings.Scale(8, 1000)).hasMessageContaining("series.scale");
    }
}
