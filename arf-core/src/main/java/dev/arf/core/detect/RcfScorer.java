package dev.arf.core.detect;

import com.amazon.randomcutforest.RandomCutForest;
import java.time.Instant;

/**
 * One service's Random Cut Forest over its shingled metric vector. Each metric enters as its robust
 * z-score against the baseline (clipped at ±{@value #Z_CLIP}, so one absurd value cannot stretch the
 * trees' boxes for ever); a metric not reported enters as 0, its baseline centre. Each sample is
 * scored first, then learned. The forest is built on the first sample it sees.
 */
final class RcfScorer {
    private static final double Z_CLIP = 10;
    /**
     * Over 28 dimensions normal samples score about 0.8; from 1.2 a score starts to matter, from 2.5
     * it is clearly unusual.
     */
    private static final double SCORE_NORMAL = 1.2;

    private static final double SCORE_UNUSUAL = 2.5;
    /**
     * The forest alone never makes a sample abnormal (below the default enter threshold 0.6): a spike
     * stays in the shingle for {@code shingleSize} samples, and must not become an episode that way.
     */
    static final double MAX_EVIDENCE = 0.55;

    static final double SIGNAL_EVIDENCE = 0.15;

    private final RcfSettings settings;
    private final long seed;
    private final ForestCacheBudget budget;
    private final float[] point = new float[Metrics.COUNT];
    private RandomCutForest forest;
    private double score;
    private Instant since;

    RcfScorer(RcfSettings settings, long seed, ForestCacheBudget budget) {
        this.settings = settings;
        this.seed = seed;
        this.budget = budget;
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
                .boundingBoxCacheFraction(s.boundingBoxCacheFraction())
                .parallelExecutionEnabled(false)
                .build();
    }

    /** Scores then learns the sample; returns the evidence in [0, {@link #MAX_EVIDENCE}]. */
    double observe(Baselines baselines, double[] values, Instant timestamp) {
        if (forest == null) {
            forest = newForest(budget.tryTake() ? settings : settings.withBoundingBoxCacheFraction(0), seed);
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
