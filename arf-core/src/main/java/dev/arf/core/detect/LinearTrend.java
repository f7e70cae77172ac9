package dev.arf.core.detect;

/**
 * A least-squares line through the last {@code capacity} (time, value) samples, O(1) per sample:
 * running sums over a ring buffer, recomputed from scratch every {@code capacity} samples around a
 * fresh time origin so that rounding errors never accumulate. Time is in minutes.
 */
final class LinearTrend {
    private static final double MILLIS_PER_MINUTE = 60_000.0;

    private final long[] times;
    private final double[] values;
    private int head;
    private int size;
    private int sinceRebase;
    private long origin;
    private double st;
    private double sv;
    private double stt;
    private double stv;
    private double svv;

    LinearTrend(int capacity) {
        times = new long[capacity];
        values = new double[capacity];
    }

    /** Adds a sample; times must not decrease. */
    void add(long millis, double value) {
        if (size == 0) {
            origin = millis;
        }
        if (size == times.length) {
            remove(times[head], values[head]);
        } else {
            size++;
        }
        times[head] = millis;
        values[head] = value;
        head = (head + 1) % times.length;
        accumulate(millis, value);
        if (++sinceRebase >= times.length) {
            rebase();
        }
    }

    private void accumulate(long millis, double v) {
        double t = (millis - origin) / MILLIS_PER_MINUTE;
        st += t;
        sv += v;
        stt += t * t;
        stv += t * v;
        svv += v * v;
    }

    private void remove(long millis, double v) {
        double t = (millis - origin) / MILLIS_PER_MINUTE;
        st -= t;
        sv -= v;
        stt -= t * t;
        stv -= t * v;
        svv -= v * v;
    }

    private void rebase() {
        sinceRebase = 0;
        int oldest = (head - size + times.length) % times.length;
        origin = times[oldest];
        st = sv = stt = stv = svv = 0;
        for (int k = 0; k < size; k++) {
            int i = (oldest + k) % times.length;
            accumulate(times[i], values[i]);
        }
    }

    int size() {
        return size;
    }

    /** Slope in value units per minute; NaN when the samples span no time. */
    double slopePerMinute() {
        double den = size * stt - st * st;
        if (!(den > 1e-12)) {
            return Double.NaN;
        }
        return (size * stv - st * sv) / den;
    }

    /** R² of the line in [0, 1]; NaN when undefined (no time span, or a constant value). */
    double fit() {
        double sxx = size * stt - st * st;
        double syy = size * svv - sv * sv;
        double sxy = size * stv - st * sv;
        if (!(sxx > 1e-12) || !(syy > 1e-12 * Math.max(1, svv))) {
            return Double.NaN;
        }
        return Math.min(1, (sxy * sxy) / (sxx * syy));
    }

    /** The line's value at the newest sample's time. */
    double fittedAtLast() {
        double slope = slopePerMinute();
        double lastT = (times[(head - 1 + times.length) % times.length] - origin) / MILLIS_PER_MINUTE;
        return (sv - slope * st) / size + slope * lastT;
    }
}
