package dev.arf.core.detect;

/**
 * The Random Cut Forest over a service's shingled, normalised metric vector (7 standard metrics,
 * each as its robust z-score against its baseline; a missing metric counts as its baseline centre).
 * A service's forest is created lazily, once its baselines have warmed up: idle or young services
 * cost no forest memory, and the forest never learns from unnormalised warm-up data.
 *
 * <p>Points are stored as 32-bit floats: RCF 4.x always does (its builder's {@code precision} is a
 * deprecated no-op), so precision is not a setting here.
 *
 * <p>Memory and speed, measured with 7 metrics, shingle 4 (28 dimensions), 30 trees, 128 samples:
 * about 116 KB per service without bounding-box cache (10,000 services fit in 2 GB) at roughly
 * 250-330 µs per sample; a full cache ({@code 1.0}) is 2-5 times faster but costs about 1 MB per
 * service. Hence the default {@code boundingBoxCacheFraction} of 0: many services first.
 *
 * @param boundingBoxCacheFraction fraction of tree nodes whose bounding boxes are cached, in [0, 1]:
 *     1 is fastest and uses the most memory
 */
public record RcfSettings(
        boolean enabled,
        int numberOfTrees,
        int sampleSize,
        int shingleSize,
        long randomSeed,
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
        return new RcfSettings(true, 30, 128, 4, 42L, 0.0);
    }

    public static RcfSettings disabled() {
        return defaults().withEnabled(false);
    }

    public RcfSettings withEnabled(boolean on) {
        return new RcfSettings(on, numberOfTrees, sampleSize, shingleSize, randomSeed, boundingBoxCacheFraction);
    }

    public RcfSettings withForest(int trees, int samples) {
        return new RcfSettings(enabled, trees, samples, shingleSize, randomSeed, boundingBoxCacheFraction);
    }

    public RcfSettings withRandomSeed(long seed) {
        return new RcfSettings(enabled, numberOfTrees, sampleSize, shingleSize, seed, boundingBoxCacheFraction);
    }

    public RcfSettings withBoundingBoxCacheFraction(double fraction) {
        return new RcfSettings(enabled, numberOfTrees, sampleSize, shingleSize, randomSeed, fraction);
    }
}
