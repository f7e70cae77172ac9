package dev.arf.core.detect;

import java.util.List;

/**
 * How a {@link SeriesAnomalyDetector} reads one metric's stream; one configuration for every series.
 *
 * <p>The defaults are the configuration measured on NAB's public files (BENCHMARKS.md): patterns of 8 points at
 * three time scales (the raw rows, means of 8 rows, means of 32 rows: at 5-minute sampling 40 minutes, about 5
 * hours and about 21 hours), a new extreme counted once it leaves the range seen so far by 2.5 % of that range,
 * 300 rows of learning, novelty compared with the last 3,000 rows, re-armed after 100 rows below the alarm level.
 *
 * @param scales the pattern scales, each {@code points} means of {@code rowsPerPoint} consecutive rows
 * @param extremeTolerance how far past the range seen so far, as a fraction of that range, a value must go to be a
 *     new extreme
 * @param learningRows rows observed before any score above 0
 * @param memoryRows how many past patterns a pattern is compared with, and how many past novelties the current one
 *     is compared with
 * @param alarmLevel the score from which a row is an alarm
 * @param quietRows after an alarm the detector reports 0 until this many rows in a row have scored below the alarm
 *     level: one event, one alarm
 */
public record SeriesSettings(
        List<Scale> scales,
        double extremeTolerance,
        int learningRows,
        int memoryRows,
        double alarmLevel,
        int quietRows) {

    public static final SeriesSettings DEFAULT = new SeriesSettings(
            List.of(new Scale(8, 1), new Scale(8, 8), new Scale(8, 32)), 0.025, 300, 3000, 0.49, 100);

    public SeriesSettings {
        scales = List.copyOf(scales);
        if (scales.isEmpty()) {
            throw new IllegalArgumentException("series.scales: at least one scale");
        }
        if (!(extremeTolerance >= 0)) {
            throw new IllegalArgumentException("series.extremeTolerance: 0 or more, got " + extremeTolerance);
        }
        if (learningRows < 0 || memoryRows < 1 || quietRows < 0) {
            throw new IllegalArgumentException("series: learningRows and quietRows 0 or more, memoryRows 1 or more");
        }
        if (!(alarmLevel > 0 && alarmLevel < 1)) {
            throw new IllegalArgumentException("series.alarmLevel: between 0 and 1, got " + alarmLevel);
        }
    }

    /** A pattern of {@code points} values, each the mean of {@code rowsPerPoint} consecutive rows. */
    public record Scale(int points, int rowsPerPoint) {
        public Scale {
            if (points < 1 || rowsPerPoint < 1 || (long) points * rowsPerPoint > 4096) {
                throw new IllegalArgumentException(
                        "series.scale: points and rowsPerPoint 1 or more, spanning at most 4096 rows");
            }
        }

        int span() {
            return points * rowsPerPoint;
        }
    }
}
