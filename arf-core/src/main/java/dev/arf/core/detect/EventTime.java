package dev.arf.core.detect;

import java.time.Instant;

/** Event timestamps as epoch milliseconds that can be subtracted without overflow. */
final class EventTime {
    /** About 126 million years: any real timestamp; differences of two clamped values fit a long. */
    private static final long LIMIT_SECONDS = 4_000_000_000_000_000L;

    private EventTime() {}

    static long millis(Instant t) {
        long s = t.getEpochSecond();
        if (s >= LIMIT_SECONDS) {
            return LIMIT_SECONDS * 1000;
        }
        if (s <= -LIMIT_SECONDS) {
            return -LIMIT_SECONDS * 1000;
        }
        return s * 1000 + t.getNano() / 1_000_000;
    }
}
