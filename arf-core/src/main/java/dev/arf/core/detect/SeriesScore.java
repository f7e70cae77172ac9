package dev.arf.core.detect;

/**
 * One row's verdict from a {@link SeriesAnomalyDetector}.
 *
 * @param score in [0, 1]: 0 while learning or quiet after an alarm; from {@link SeriesSettings#alarmLevel()} an
 *     alarm. Below 0.98 it is {@code 0.98 r / (1 + r)} where {@code r} is the pattern's novelty relative to the most
 *     novel pattern in memory (r = 1: as unusual as anything recently seen); from 0.98 the value left the range seen
 *     so far (0.98 + 0.02 × the excess as a fraction of that range, capped)
 * @param alarm whether this row raised an alarm
 * @param cause what made the score: {@link Cause#NEW_EXTREME}, {@link Cause#UNSEEN_PATTERN} (at {@code
 *     rowsPerPoint}), or {@link Cause#NONE}
 * @param rowsPerPoint the time scale of the unseen pattern (rows per pattern point), 0 otherwise
 */
public record SeriesScore(double score, boolean alarm, Cause cause, int rowsPerPoint) {

    public static final SeriesScore NONE = new SeriesScore(0, false, Cause.NONE, 0);

    public enum Cause {
        NONE,
        NEW_EXTREME,
        UNSEEN_PATTERN
    }
}
