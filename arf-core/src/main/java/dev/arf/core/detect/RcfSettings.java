package dev.arf.core.detect;

/**
 * The Random Cut Forest over a service's shingled, normalised metric vector (7 standard metrics,
 * each as its robust z-score against its baseline; a missing metric counts as its baseline centre).
 * A service's forest is created lazily, once its baselines have warmed up: idle or young services
 * cost no forest memory, and the forest never learns from unnormalised warm-up data.
 *
 * @param floatPrecision store points as 32-bit floats (half the point-store memory of doubles)
 * @param boundingBoxCacheFraction fraction of tree nodes whose bounding boxes are cached, in [0, 1]:
 *     1 is fastest and uses the most memory
 */
public record RcfSettings(
        boolean enabled,
        int numberOfTrees,
        int sampleSize,
        int shingleSize,
        long randomSeed,
        boolean floatPrecision,
        double boundingBoxCacheFraction) {

    public RcfSettings {
        if (numberOfTrees < 1 || numberOfTrees > 1000) {
            throw new IllegalArgumentException("rcf.numberOfTrees: 1 to 1000, got " + numberOfTrees);
        }
        if (sampleSize < 8 || sampleSize > 4096) {
            throw new IllegalArgumentException("rcf.sampleSize: 8 to 4096, got " + sampleSize);
        }
        if (shingleSize < 1 || shingleSize > 64) {
            throw new IllegalArgumentException("rcf.shingleSize: 1 to 64, got " + shingleSize);
        }
        if (!(boundingBoxCacheFraction >= 0 && boundingBoxCacheFraction <= 1)) {
            throw new IllegalArgumentException(
                    "rcf.boundingBoxCacheFraction: must be in [0, 1], got " + boundingBoxCacheFraction);
        }
    }

    public static RcfSettings defaults() {
        return new RcfSettings(true, 30, 128, 4, 42L, true, 0.0);
    }

    public static RcfSettings disabled() {
        return defaults().withEnabled(false);
    }

    public RcfSettings withEnabled(boolean on) {
        return new RcfSettings(
                on, numberOfTrees, sampleSize, shingleSize, randomSeed, floatPrecision, boundingBoxCacheFraction);
    }

    public RcfSettings withForest(int trees, int samples) {
        return new RcfSettings(
                enabled, trees, samples, shingleSize, randomSeed, floatPrecision, boundingBoxCacheFraction);
    }

    public RcfSettings withRandomSeed(long seed) {
        return new RcfSettings(
                enabled, numberOfTrees, sampleSize, shingleSize, seed, floatPrecision, boundingBoxCacheFraction);
    }

    public RcfSettings withBoundingBoxCacheFraction(double fraction) {
        return new RcfSettings(enabled, numberOfTrees, sampleSize, shingleSize, randomSeed, floatPrecision, fraction);
    }
}
