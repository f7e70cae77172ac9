package dev.arf.core.detect;

/**
 * How per-sample evidence becomes a verdict.
 *
 * @param enterThreshold score from which a sample counts as abnormal
 * @param exitThreshold score below which a sample counts as normal again; lower than {@code
 *     enterThreshold} so that a score hovering around one line does not toggle the verdict
 * @param enterSamples consecutive abnormal samples before the service is anomalous
 * @param exitSamples consecutive normal samples before an anomalous service is normal again
 * @param extremeScore score above which one sample is enough; the default 1.0 means never: one
 *     sample, however bad, is not an incident unless a rule fires (a rule has its own {@code for})
 * @param confidenceSmoothing weight of a new score in the exponentially smoothed confidence, in (0, 1]
 */
public record FusionSettings(
        double enterThreshold,
        double exitThreshold,
        int enterSamples,
        int exitSamples,
        double extremeScore,
        double confidenceSmoothing) {

    public FusionSettings {
        if (!(exitThreshold >= 0 && exitThreshold <= enterThreshold && enterThreshold <= 1)) {
            throw new IllegalArgumentException("fusion: need 0 <= exitThreshold <= enterThreshold <= 1, got "
                    + exitThreshold + " and " + enterThreshold);
        }
        if (enterSamples < 1 || exitSamples < 1) {
            throw new IllegalArgumentException("fusion.enterSamples/exitSamples: at least 1");
        }
        if (!(extremeScore >= enterThreshold && extremeScore <= 1)) {
            throw new IllegalArgumentException(
                    "fusion.extremeScore: between enterThreshold and 1, got " + extremeScore);
        }
        if (!(confidenceSmoothing > 0 && confidenceSmoothing <= 1)) {
            throw new IllegalArgumentException(
                    "fusion.confidenceSmoothing: must be in (0, 1], got " + confidenceSmoothing);
        }
    }

    public static FusionSettings defaults() {
        return new FusionSettings(0.6, 0.35, 2, 3, 1.0, 0.3);
    }
}
