package dev.arf.core.detect;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many services' forests may keep a bounding-box cache. A cached forest scores several times
 * faster but holds more memory (with the default forest, about 158 KB of detector state per service
 * instead of 40 KB), so the first {@code forests} services to get a forest get the fast kind and later
 * ones the compact kind: small fleets run fast, large fleets still fit in memory. Thread-safe: share one budget between all
 * detectors of an engine.
 */
public final class ForestCacheBudget {
    private final AtomicInteger left;

    public ForestCacheBudget(int forests) {
        if (forests < 0) {
            throw new IllegalArgumentException("rcf.cachedForests: must not be negative, got " + forests);
        }
        this.left = new AtomicInteger(forests);
    }

    public static ForestCacheBudget of(RcfSettings settings) {
        return new ForestCacheBudget(settings.cachedForests());
    }

    /** Takes one place if any is left. */
    boolean tryTake() {
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    public int remaining() {
        return left.get();
    }
}
