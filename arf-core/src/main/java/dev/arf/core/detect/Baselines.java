package dev.arf.core.detect;

import dev.arf.core.telemetry.Metric;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Robust adaptive baselines of one service's standard metrics: an exponentially weighted centre and
 * mean absolute deviation per metric, O(1) per sample and allocation-free.
 *
 * <p>Each sample is judged against the baseline as it was before the sample (a robust z-score),
 * then learned: residuals are clipped at {@value #CLIP_Z} σ (one outlier moves the centre little),
 * and samples beyond {@link BaselineSettings#downWeightZ()} are learned with a much smaller weight, so
 * an ongoing incident is not quickly taken for the new normal. NaN ("not reported") is skipped.
 */
final class Baselines {
    static final int N = Metrics.COUNT;
    /** σ = √(π/2) · mean absolute deviation for normally distributed noise. */
    private static final double MAD_TO_SIGMA = 1.2533141373155003;

    private static final double CLIP_Z = 3.0;
    private static final double WARM_UP_CLIP_Z = 5.0;
    private static final double RELATIVE_FLOOR = 0.02;

    private final BaselineSettings settings;
    private final long[] count = new long[N];
    private final double[] center = new double[N];
    private final double[] spread = new double[N];
    private final double[] z = new double[N];
    private final Instant[] since = new Instant[N];
    private boolean warmingUp = true;

    Baselines(BaselineSettings settings) {
        this.settings = settings;
    }

    /**
     * Judges {@code values} (indexed by metric ordinal, NaN = not reported) and, when {@code learn},
     * learns them and tracks since when each metric deviates.
     */
    void observe(double[] values, Instant timestamp, boolean learn) {
        boolean warming = false;
        int warmUp = settings.warmUpSamples();
        for (int m = 0; m < N; m++) {
            double v = values[m];
            if (Double.isNaN(v)) {
                z[m] = 0;
                continue;
            }
            long n = count[m];
            if (n < warmUp) {
                warming = true;
                z[m] = 0;
                if (learn) {
                    since[m] = null;
                    learnWarmingUp(m, v, n);
                }
                continue;
            }
            double sigma = sigma(m);
            double score = (v - center[m]) / sigma;
            z[m] = score;
            if (learn) {
                if (badZ(m) >= settings.signalZ()) {
                    if (since[m] == null) {
                        since[m] = timestamp;
                    }
                } else {
                    since[m] = null;
                }
                learnRobust(m, v, score, sigma);
            }
        }
        warmingUp = warming;
    }

    private void learnWarmingUp(int m, double v, long n) {
        if (n == 0) {
            center[m] = v;
            spread[m] = 0;
        } else {
            double r = v - center[m];
            if (n >= 5) {
                double limit = WARM_UP_CLIP_Z * sigma(m);
                r = Math.max(-limit, Math.min(limit, r));
            }
            double a = 1.0 / (n + 1);
            center[m] += a * r;
            spread[m] += a * (Math.abs(r) - spread[m]);
        }
        count[m] = n + 1;
    }

    private void learnRobust(int m, double v, double score, double sigma) {
        double a = settings.alpha();
        if (Math.abs(score) > settings.downWeightZ()) {
            a *= settings.anomalousWeight();
        }
        double limit = CLIP_Z * sigma;
        double r = Math.max(-limit, Math.min(limit, v - center[m]));
        center[m] += a * r;
        spread[m] += a * (Math.abs(r) - spread[m]);
        if (count[m] < Long.MAX_VALUE) {
            count[m]++;
        }
    }

    /** The noise scale, never below a floor: a constant metric must not make every wiggle infinite. */
    double sigma(int m) {
        return Math.max(MAD_TO_SIGMA * spread[m], Metrics.ABSOLUTE_FLOOR[m] + RELATIVE_FLOOR * Math.abs(center[m]));
    }

    /** The last sample's signed robust z-score; 0 when not reported or still warming up. */
    double z(int m) {
        return z[m];
    }

    /** The z-score in the metric's bad direction (up; either way for throughput), never negative. */
    double badZ(int m) {
        return Metrics.BOTH_WAYS[m] ? Math.abs(z[m]) : Math.max(0, z[m]);
    }

    double center(int m) {
        return center[m];
    }

    Instant deviatingSince(int m) {
        return since[m];
    }

    /** True while a metric reported in the last sample had too few samples to be judged. */
    boolean warmingUp() {
        return warmingUp;
    }

    Map<String, DetectorSnapshot.BaselineStats> stats() {
        Map<String, DetectorSnapshot.BaselineStats> out = new HashMap<>();
        for (int m = 0; m < N; m++) {
            if (count[m] > 0) {
                out.put(Metrics.ALL[m].key(), new DetectorSnapshot.BaselineStats(count[m], center[m], spread[m]));
            }
        }
        return out;
    }

    /** Restores stored statistics; entries for unknown metrics or with non-finite numbers are ignored. */
    void restore(Map<String, DetectorSnapshot.BaselineStats> stats) {
        for (Map.Entry<String, DetectorSnapshot.BaselineStats> e : stats.entrySet()) {
            Metric metric = Metric.byKey(e.getKey()).orElse(null);
            DetectorSnapshot.BaselineStats s = e.getValue();
            if (metric == null
                    || s == null
                    || s.count() < 0
                    || !Double.isFinite(s.center())
                    || !Double.isFinite(s.spread())
                    || s.spread() < 0) {
                continue;
            }
            int m = metric.ordinal();
            count[m] = s.count();
            center[m] = s.center();
            spread[m] = s.spread();
        }
    }
}
