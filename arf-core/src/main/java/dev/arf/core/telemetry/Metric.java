package dev.arf.core.telemetry;

import java.util.Optional;

/** The standard metrics every {@link TelemetryEvent} may carry, with their wire names and units. */
public enum Metric {
    LATENCY_P50("latency_p50", "ms"),
    LATENCY_P95("latency_p95", "ms"),
    LATENCY_P99("latency_p99", "ms"),
    ERROR_RATE("error_rate", "ratio"),
    THROUGHPUT("throughput", "req/s"),
    CPU_UTIL("cpu_util", "ratio"),
    MEMORY_UTIL("memory_util", "ratio");

    private static final Metric[] ALL = values();

    private final String key;
    private final String unit;

    Metric(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** The snake_case name used in YAML, JSON and the CLI (e.g. {@code latency_p99}). */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    /** True for metrics whose value is a fraction in [0, 1]. */
    public boolean isRatio() {
        return "ratio".equals(unit);
    }

    public static Optional<Metric> byKey(String key) {
        for (Metric m : ALL) {
            if (m.key.equals(key)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Same as {@link #values()} without the defensive copy; callers must not modify it. */
    static Metric[] all() {
        return ALL;
    }

    /** Renders a value in this metric's unit for people: {@code 450ms}, {@code 22.0%}, {@code 850 req/s}. */
    public String format(double value) {
        if (isRatio()) {
            return String.format(java.util.Locale.ROOT, "%.1f%%", value * 100);
        }
        if ("ms".equals(unit)) {
            return String.format(java.util.Locale.ROOT, "%.0fms", value);
        }
        return String.format(java.util.Locale.ROOT, "%.0f %s", value, unit);
    }
}
