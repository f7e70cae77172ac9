package dev.arf.core.sim;

import java.time.Instant;

/** Traffic over a day (UTC): ±25% around the average, lowest at 03:00, highest at 15:00. */
final class DailyLoadCurve {
    private static final double AMPLITUDE = 0.25;
    private static final double SECONDS_PER_DAY = 86_400;

    private DailyLoadCurve() {}

    static double at(Instant instant) {
        double dayFraction = Math.floorMod(instant.getEpochSecond(), 86_400L) / SECONDS_PER_DAY;
        return 1 + AMPLITUDE * Math.sin(2 * Math.PI * (dayFraction - 0.375));
    }
}
