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
 * <p>Defaults: 16 trees of 64 samples over a shingle of 2 (14 dimensions). Measured here (see
 * BENCHMARKS.md): a service's detector state is about 158 KB with a cached forest, 40 KB with a
 * compact one and 4.5 KB without RCF; 30 trees of 128 samples over a shingle of 4 cost about 1 MB per
 * cached forest and several times the time per sample, which would hold the engine far below 20,000
 * events/s on 2 cores. The cache is a budget ({@link ForestCacheBudget}): the first {@code
 * cachedForests} services get cached forests, later ones compact forests, so 10,000 services take
 * about 0.6 GB.
 *
 * @param boundingBoxCacheFraction fraction of tree nodes whose bounding boxes are cached in forests
 *     within the budget, in [0, 1]: 1 is fastest and uses the most memory
 * @param cachedForests how many services' forests may be cached (see {@link ForestCacheBudget})
 */
public record RcfSettings(
        boolean enabled,
        int numberOfTrees,
        int sampleSize,
        int shingleSize,
        long randomSeed,
        double boundingBoxCacheFraction,
        int cachedForests) {

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
        if (cachedForests < 0) {
            throw new IllegalArgumentException("rcf.cachedForests: must not be negative, got " + cachedForests);
        }
        if (!(boundingBoxCacheFraction >= 0 && boundingBoxCacheFraction <= 1)) {
            throw new IllegalArgumentException(
                    "rcf.boundingBoxCacheFraction: must be in [0, 1], got " + boundingBoxCacheFraction);
        }
    }

    public static RcfSettings defaults() {
        return new RcfSettings(true, 16, 64, 2, 42L, 1.0, 2_000);
    }

    public static RcfSettings disabled() {
        return defaults().withEnabled(false);
    }

    public RcfSettings withEnabled(boolean on) {
        return new RcfSettings(
                on, numberOfTrees, sampleSize, shingleSize, randomSeed, boundingBoxCacheFraction, cachedForests);
    }

    public RcfSettings withForest(int trees, int samples) {
        return new RcfSettings(
                enabled, trees, samples, shingleSize, randomSeed, boundingBoxCacheFraction, cachedForests);
    }

    public RcfSettings withRandomSeed(long seed) {
        return new RcfSettings(
                enabled, numberOfTrees, sampleSize, shingleSize, seed, boundingBoxCacheFraction, cachedForests);
    }

    public RcfSettings withBoundingBoxCacheFraction(double fraction) {
        return new RcfSettings(enabled, numberOfTrees, sampleSize, shingleSize, randomSeed, fraction, cachedForests);
    }

    public RcfSettings withCachedForests(int forests) {
        return new RcfSettings(
                enabled, numberOfTrees, sampleSize, shingleSize, randomSeed, boundingBoxCacheFraction, forests);
    }
}
