package dev.arf.core.detect;

import dev.arf.core.detect.SeriesScore.Cause;
import dev.arf.core.detect.SeriesSettings.Scale;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming anomaly detection on one metric's series, row by row, with no knowledge of what comes next: each score
 * uses only the rows before it and the row itself. One instance per series; not thread-safe.
 *
 * <p>A row is unusual for one of two reasons, and the score says which ({@link SeriesScore#cause()}):
 *
 * <ul>
 *   <li><b>a new extreme</b>: the value leaves the range seen so far by more than {@link
 *       SeriesSettings#extremeTolerance()} of that range;
 *   <li><b>an unseen pattern</b>: at some time scale, the shape of the last rows (min-max normalised) is far from
 *       every shape remembered. Its novelty is the distance to the nearest remembered shape, and it is judged against
 *       the novelties of the last {@link SeriesSettings#memoryRows()} rows: the score is a ratio to the recent
 *       record, so the same level means the same thing on a quiet series and a noisy one, and one alarm level serves
 *       every series.
 * </ul>
 *
 * <p>An alarm is followed by quiet rows reported as 0, until {@link SeriesSettings#quietRows()} rows in a row have
 * scored below the alarm level: an incident is one event, not a hundred rows of alarms. Shapes become comparable only once they no longer overlap the current one, so a slow
 * drift cannot match itself.
 */
public final class SeriesAnomalyDetector {
    private static final double PATTERN_CEILING = 0.98;
    private static final int MIN_NOVELTY_HISTORY = 50;
    private static final double MIN_RECORD = 1e-3;

    private final SeriesSettings settings;
    private final double[] recent;
    private final List<PatternMemory> memories = new ArrayList<>();
    private long rows;
    private int recentCount;
    private int recentHead;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long sinceAlarm = Long.MAX_VALUE / 2;

    public SeriesAnomalyDetector(SeriesSettings settings) {
        this.settings = settings;
        int longest = 1;
        for (Scale scale : settings.scales()) {
            longest = Math.max(longest, scale.span());
            memories.add(new PatternMemory(scale, settings.memoryRows()));
        }
        this.recent = new double[longest];
    }

    public SeriesAnomalyDetector() {
        this(SeriesSettings.DEFAULT);
    }

    /** Scores the row, then learns it. A non-finite value is not learned and scores {@link SeriesScore#NONE}. */
    public SeriesScore observe(double value) {
        if (!Double.isFinite(value)) {
            return SeriesScore.NONE;
        }
        rows++;
        double excess = excessBeyondRange(value);
        min = Math.min(min, value);
        max = Math.max(max, value);
        remember(value);

        double novelty = 0;
        int noveltyScale = 0;
        if (max > min && Double.isFinite(max - min)) {
            for (PatternMemory memory : memories) {
                double ratio = memory.observe(this, rows > settings.learningRows());
                if (ratio > novelty) {
                    novelty = ratio;
                    noveltyScale = memory.scale.rowsPerPoint();
                }
            }
        }
        boolean learning = rows < settings.learningRows();
        double score = learning ? 0 : PATTERN_CEILING * novelty / (1 + novelty);
        Cause cause = score > 0 ? Cause.UNSEEN_PATTERN : Cause.NONE;
        if (!learning && excess > settings.extremeTolerance()) {
            score = PATTERN_CEILING + (1 - PATTERN_CEILING) * Math.min(1, excess);
            cause = Cause.NEW_EXTREME;
        }
        boolean alarming = score >= settings.alarmLevel();
        boolean quiet = sinceAlarm < settings.quietRows();
        // While the event goes on the detector stays quiet: it re-arms only after quietRows rows below the alarm level.
        sinceAlarm = alarming ? 0 : sinceAlarm + 1;
        if (quiet || score == 0) {
            return SeriesScore.NONE;
        }
        return new SeriesScore(score, alarming, cause, cause == Cause.UNSEEN_PATTERN ? noveltyScale : 0);
    }

    public SeriesSettings settings() {
        return settings;
    }

    /** How far the value lies outside the range seen so far, as a fraction of it; leaving a constant is 1. */
    private double excessBeyondRange(double value) {
        if (rows == 1) {
            return 0;
        }
        if (max == min) {
            return value == min ? 0 : 1;
        }
        double excess = Math.max(value - max, min - value) / (max - min);
        // Ranges near Double.MAX_VALUE overflow; such a series has no meaningful extremes to judge.
        return Double.isFinite(excess) ? excess : 0;
    }

    private void remember(double value) {
        recent[recentHead] = value;
        recentHead = (recentHead + 1) % recent.length;
        recentCount = Math.min(recentCount + 1, recent.length);
    }

    /** The value {@code back} rows ago (0 = the current row). */
    private double recent(int back) {
        return recent[Math.floorMod(recentHead - 1 - back, recent.length)];
    }

    /** One time scale: the remembered shapes, and the novelty record to judge the current shape against. */
    private static final class PatternMemory {
        private final Scale scale;
        private final float[][] shapes;
        private final float[][] pending;
        private final SlidingMax noveltyRecord;
        private long storedShapes;
        private long pendingHead;
        private long pendingCount;

        PatternMemory(Scale scale, int memoryRows) {
            this.scale = scale;
            this.shapes = new float[memoryRows][];
            this.pending = new float[scale.span()][];
            this.noveltyRecord = new SlidingMax(memoryRows);
        }

        /** The current shape's novelty as a ratio to the recent record; 0 until there is a record to compare. */
        double observe(SeriesAnomalyDetector series, boolean judge) {
            if (series.recentCount < scale.span()) {
                return 0;
            }
            float[] shape = shape(series);
            int remembered = (int) Math.min(storedShapes, shapes.length);
            double novelty = remembered == 0 ? -1 : Math.sqrt(nearestSquaredDistance(shape, remembered) / shape.length);
            hold(shape);
            if (novelty < 0 || !judge) {
                return 0;
            }
            double record = noveltyRecord.max();
            boolean enoughHistory = noveltyRecord.size() >= MIN_NOVELTY_HISTORY;
            noveltyRecord.add(novelty);
            return enoughHistory ? novelty / Math.max(record, MIN_RECORD) : 0;
        }

        private float[] shape(SeriesAnomalyDetector series) {
            int points = scale.points();
            int per = scale.rowsPerPoint();
            double range = series.max - series.min;
            float[] shape = new float[points];
            for (int p = 0; p < points; p++) {
                double sum = 0;
                int oldestBack = (points - p) * per - 1;
                for (int k = 0; k < per; k++) {
                    sum += series.recent(oldestBack - k);
                }
                shape[p] = (float) ((sum / per - series.min) / range);
            }
            return shape;
        }

        private double nearestSquaredDistance(float[] shape, int remembered) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < remembered; i++) {
                float[] other = shapes[i];
                double d = 0;
                for (int k = 0; k < shape.length && d < best; k++) {
                    double e = other[k] - shape[k];
                    d += e * e;
                }
                if (d < best) {
                    best = d;
                }
            }
            return best;
        }

        /** Shapes wait until they no longer overlap the current one before they can be matched. */
        private void hold(float[] shape) {
            if (pendingCount == pending.length) {
                int oldest = (int) ((pendingHead - pendingCount) % pending.length);
                shapes[(int) (storedShapes % shapes.length)] = pending[oldest];
                storedShapes++;
                pendingCount--;
            }
            pending[(int) (pendingHead % pending.length)] = shape;
            pendingHead++;
            pendingCount++;
        }
    }

    /** The maximum of the last {@code capacity} values added, in amortised constant time. */
    static final class SlidingMax {
        private final int capacity;
        private final long[] indices;
        private final double[] values;
        private int head;
        private int size;
        private long added;

        SlidingMax(int capacity) {
            this.capacity = capacity;
            this.indices = new long[capacity];
            this.values = new double[capacity];
        }

        void add(double value) {
            while (size > 0 && indices[head] <= added - capacity) {
                head = (head + 1) % capacity;
                size--;
            }
            while (size > 0 && values[slot(size - 1)] <= value) {
                size--;
            }
            indices[slot(size)] = added;
            values[slot(size)] = value;
            size++;
            added++;
        }

        double max() {
            return size == 0 ? 0 : values[head];
        }

        /** How many values the window holds (at most {@code capacity}). */
        long size() {
            return Math.min(added, capacity);
        }

        private int slot(int offset) {
            return (head + offset) % capacity;
        }
    }
}
