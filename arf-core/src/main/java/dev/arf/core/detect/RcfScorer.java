package dev.arf.core.detect;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.config.Precision;
import java.time.Instant;

/**
 * One service's Random Cut Forest over its shingled metric vector. Each metric enters as its robust
 * z-score against the baseline (clipped at ±{@value #Z_CLIP}, so one absurd value cannot stretch the
 * trees' boxes for ever); a metric not reported enters as 0, its baseline centre. Each sample is
 * scored first, then learned. The forest is built on the first sample it sees.
 */
final class RcfScorer {
    private static final double Z_CLIP = 10;
    /** RCF scores near 1 are normal; from about 1.5 they start to matter, at 3 they are clearly unusual. */
    private static final double SCORE_NORMAL = 1.5;

    private static final double SCORE_UNUSUAL = 3.0;
    /** The forest alone never makes a sample abnormal beyond doubt. */
    static final double MAX_EVIDENCE = 0.7;

    static final double SIGNAL_EVIDENCE = 0.15;

    private final RcfSettings settings;
    private final long seed;
    private final float[] point = new float[Metrics.COUNT];
    private RandomCutForest forest;
    private double score;
    private Instant since;

    RcfScorer(RcfSettings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    static RandomCutForest newForest(RcfSettings s, long seed) {
        return RandomCutForest.builder()
                .dimensions(Metrics.COUNT * s.shingleSize())
                .shingleSize(s.shingleSize())
                .internalShinglingEnabled(true)
                .numberOfTrees(s.numberOfTrees())
                .sampleSize(s.sampleSize())
                .outputAfter(Math.max(1, s.sampleSize() / 4))
                .randomSeed(seed)
                .precision(s.floatPrecision() ? Precision.FLOAT_32 : Precision.FLOAT_64)
                .boundingBoxCacheFraction(s.boundingBoxCacheFraction())
                .parallelExecutionEnabled(false)
                .build();
    }

    /** Scores then learns the sample; returns the evidence in [0, {@link #MAX_EVIDENCE}]. */
    double observe(Baselines baselines, double[] values, Instant timestamp) {
        if (forest == null) {
            forest = newForest(settings, seed);
        }
        for (int m = 0; m < point.length; m++) {
            double z = Double.isNaN(values[m]) ? 0 : baselines.z(m);
            point[m] = (float) Math.max(-Z_CLIP, Math.min(Z_CLIP, z));
        }
        double s = forest.getAnomalyScore(point);
        forest.update(point);
        score = Double.isFinite(s) ? s : 0;
        double evidence = evidence();
        if (evidence >= SIGNAL_EVIDENCE) {
            if (since == null) {
                since = timestamp;
            }
        } else {
            since = null;
        }
        return evidence;
    }

    /** The raw RCF anomaly score of the last sample (0 before the forest is ready). */
    double score() {
        return score;
    }

    double evidence() {
        double x = (score - SCORE_NORMAL) / (SCORE_UNUSUAL - SCORE_NORMAL);
        return MAX_EVIDENCE * Math.max(0, Math.min(1, x));
    }

    Instant since() {
        return since;
    }
}
