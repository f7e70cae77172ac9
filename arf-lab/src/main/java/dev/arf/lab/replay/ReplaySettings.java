package dev.arf.lab.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * How a sparse timeline becomes a telemetry stream for the engine.
 *
 * @param step the interval between replayed events (the simulator's 15 s by default)
 * @param leadIn how long the first point's values are replayed before it, so the detectors' baselines
 *     warm up on a steady service (30 samples) rather than on the degradation itself
 * @param noise relative standard deviation of the seeded Gaussian noise on every value (0.03 = 3 %),
 *     capped at three deviations; ratios stay in [0, 1]
 * @param seed the noise's seed; each timeline mixes in its id, so one replay does not depend on
 *     another
 * @param start the virtual instant the lead-in starts at
 */
public record ReplaySettings(Duration step, Duration leadIn, double noise, long seed, Instant start) {
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

    public ReplaySettings {
        if (step.isNegative() || step.isZero() || step.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("step: more than 0 and at most 5 minutes, got " + step);
        }
        if (leadIn.isNegative() || leadIn.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("leadIn: 0 to 24 hours, got " + leadIn);
        }
        if (!(noise >= 0 && noise <= 0.5)) {
            throw new IllegalArgumentException("noise: 0 to 0.5, got " + noise);
        }
    }

    /** 15 s steps, a 60-minute steady lead-in, 3 % noise, seed 42. */
    public static ReplaySettings defaults() {
        return new ReplaySettings(Duration.ofSeconds(15), Duration.ofMinutes(60), 0.03, 42L, DEFAULT_START);
    }

    public ReplaySettings withSeed(long newSeed) {
        return new ReplaySettings(step, leadIn, noise, newSeed, start);
    }

    public ReplaySettings withNoise(double newNoise) {
        return new ReplaySettings(step, leadIn, newNoise, seed, start);
    }

    double stepMinutes() {
        return step.toMillis() / 60_000.0;
    }

    double leadInMinutes() {
        return leadIn.toMillis() / 60_000.0;
    }
}
