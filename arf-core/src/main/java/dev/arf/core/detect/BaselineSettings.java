package dev.arf.core.detect;

/**
 * How adaptive baselines learn what is normal for a metric.
 *
 * @param warmUpSamples samples a metric's baseline must have seen before deviations are judged
 * @param alpha weight of a new sample in the exponentially weighted centre and spread; the memory is
 *     about {@code 1/alpha} samples
 * @param signalZ robust z-score from which a deviation is reported as a signal
 * @param downWeightZ robust z-score beyond which a sample is treated as anomalous and learned only
 *     with weight {@code alpha * anomalousWeight}, so that an incident is not quickly taken for the
 *     new normal; a lasting level shift is accepted after roughly {@code 1/(alpha*anomalousWeight)}
 *     samples
 * @param anomalousWeight fraction of {@code alpha} used for anomalous samples, in [0, 1]
 */
public record BaselineSettings(
        int warmUpSamples, double alpha, double signalZ, double downWeightZ, double anomalousWeight) {

    public BaselineSettings {
        if (warmUpSamples < 2) {
            throw new IllegalArgumentException("baseline.warmUpSamples: at least 2, got " + warmUpSamples);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("baseline.alpha: must be in (0, 1), got " + alpha);
        }
        if (!(signalZ > 0) || !(downWeightZ > 0) || Double.isInfinite(signalZ) || Double.isInfinite(downWeightZ)) {
            throw new IllegalArgumentException("baseline.signalZ/downWeightZ: must be positive and finite");
        }
        if (!(anomalousWeight >= 0 && anomalousWeight <= 1)) {
            throw new IllegalArgumentException("baseline.anomalousWeight: must be in [0, 1], got " + anomalousWeight);
        }
    }

    public static BaselineSettings defaults() {
        return new BaselineSettings(30, 0.03, 3.0, 4.0, 0.05);
    }

    public BaselineSettings withWarmUpSamples(int samples) {
        return new BaselineSettings(samples, alpha, signalZ, downWeightZ, anomalousWeight);
    }
}
