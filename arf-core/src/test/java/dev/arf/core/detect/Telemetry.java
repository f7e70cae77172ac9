package dev.arf.core.detect;

import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/** Seeded telemetry for detector tests: a steady service with a little noise, one sample a minute. */
final class Telemetry {
    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private Telemetry() {}

    static Instant minute(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    /** A normal sample: p99 about 120 ms, 1 % errors, 500 req/s, CPU 40 %, memory 50 %. */
    static TelemetryEvent.Builder normal(String service, Instant at, SplittableRandom rnd) {
        return TelemetryEvent.builder(service, at)
                .latencyP50(50 + 2 * rnd.nextGaussian())
                .latencyP95(90 + 4 * rnd.nextGaussian())
                .latencyP99(120 + 5 * rnd.nextGaussian())
                .errorRate(0.01 + 0.001 * rnd.nextGaussian())
                .throughput(500 + 10 * rnd.nextGaussian())
                .cpuUtil(0.40 + 0.02 * rnd.nextGaussian())
                .memoryUtil(0.50 + 0.01 * rnd.nextGaussian());
    }

    static TelemetryEvent normalAt(String service, int minute, SplittableRandom rnd) {
        return normal(service, minute(minute), rnd).build();
    }
}
