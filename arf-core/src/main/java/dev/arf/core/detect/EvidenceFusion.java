package dev.arf.core.detect;

/**
 * Turns one sample's evidence into a score in [0, 1].
 *
 * <p>Per metric, the strongest of its rule, baseline and forecast evidence counts, plus a tenth of
 * the second strongest, capped at {@value #METRIC_CAP} unless a rule fires. Per family of correlated
 * metrics (the latency percentiles) the strongest metric counts. Families and custom-metric rules
 * combine as independent evidence (noisy-OR), and the forest's view of the whole vector is combined
 * the same way as agreement: {@code max + 0.1 · min}. The caps are chosen so that one metric family
 * alone, whatever all detectors think of it, stays below an extreme score of 0.9: one spike is never
 * an incident on its own, two families far off at once can be.
 */
final class EvidenceFusion {
    static final double METRIC_CAP = 0.8;
    /** Families whose evidence reaches this count as deviating, for severity escalation. */
    private static final double DEVIATING = 0.4;

    private final double[] rule = new double[Metrics.COUNT];
    private final double[] baseline = new double[Metrics.COUNT];
    private final double[] forecast = new double[Metrics.COUNT];
    private final double[] family = new double[Metrics.FAMILIES];
    private double customNormal;
    private int customDeviating;
    private int deviatingFamilies;

    void clear() {
        java.util.Arrays.fill(rule, 0);
        java.util.Arrays.fill(baseline, 0);
        java.util.Arrays.fill(forecast, 0);
        customNormal = 1;
        customDeviating = 0;
    }

    void rule(int metric, double evidence) {
        rule[metric] = Math.max(rule[metric], evidence);
    }

    void customRule(double evidence) {
        customNormal *= 1 - Math.min(evidence, evidence >= 1 ? 1 : METRIC_CAP);
        if (evidence >= DEVIATING) {
            customDeviating++;
        }
    }

    void baseline(int metric, double evidence) {
        baseline[metric] = evidence;
    }

    void forecast(int metric, double evidence) {
        forecast[metric] = evidence;
    }

    /** Evidence of a robust z-score in the bad direction: 0 up to 2σ, rising smoothly to the cap at 6σ. */
    static double baselineEvidence(double badZ) {
        double t = Math.max(0, Math.min(1, (badZ - 2) / 4));
        return METRIC_CAP * t * t * (3 - 2 * t);
    }

    double fuse(double rcfEvidence) {
        java.util.Arrays.fill(family, 0);
        for (int m = 0; m < Metrics.COUNT; m++) {
            double e = metricEvidence(rule[m], baseline[m], forecast[m]);
            int f = Metrics.FAMILY[m];
            family[f] = Math.max(family[f], e);
        }
        double normal = customNormal;
        int deviating = customDeviating;
        for (double e : family) {
            normal *= 1 - e;
            if (e >= DEVIATING) {
                deviating++;
            }
        }
        deviatingFamilies = deviating;
        double metrics = 1 - normal;
        double rcf = Math.max(0, Math.min(RcfScorer.MAX_EVIDENCE, rcfEvidence));
        double score = Math.max(metrics, rcf) + 0.1 * Math.min(metrics, rcf);
        if (!(score >= 0)) {
            return 0;
        }
        return Math.min(1, score);
    }

    private static double metricEvidence(double a, double b, double c) {
        if (a >= 1) {
            return 1;
        }
        double max = Math.max(a, Math.max(b, c));
        double min = Math.min(a, Math.min(b, c));
        double mid = a + b + c - max - min;
        return Math.min(METRIC_CAP, max + 0.1 * mid);
    }

    /** Metric families (and custom-metric rules) with substantial evidence in the last fused sample. */
    int deviatingFamilies() {
        return deviatingFamilies;
    }
}
