package dev.arf.core.detect;

import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;

/** What the detectors know about the standard metrics, indexed by {@link Metric#ordinal()}. */
final class Metrics {
    static final Metric[] ALL = Metric.values();
    static final int COUNT = ALL.length;

    /** Metrics whose drop is as bad as their rise (a throughput collapse). */
    static final boolean[] BOTH_WAYS = new boolean[COUNT];

    /** The smallest noise scale worth judging: 1 ms, 0.2 % errors, 1 req/s, 1 % utilisation. */
    static final double[] ABSOLUTE_FLOOR = new double[COUNT];

    /**
     * Correlated metrics form one family (the three latency percentiles move together), so that one
     * latency spike counts as one piece of evidence, not three.
     */
    static final int[] FAMILY = new int[COUNT];

    static final int FAMILIES = 5;

    static {
        BOTH_WAYS[Metric.THROUGHPUT.ordinal()] = true;
        for (Metric m : ALL) {
            ABSOLUTE_FLOOR[m.ordinal()] = switch (m) {
                case LATENCY_P50, LATENCY_P95, LATENCY_P99 -> 1.0;
                case ERROR_RATE -> 0.002;
                case THROUGHPUT -> 1.0;
                case CPU_UTIL, MEMORY_UTIL -> 0.01;
            };
            FAMILY[m.ordinal()] = switch (m) {
                case LATENCY_P50, LATENCY_P95, LATENCY_P99 -> 0;
                case ERROR_RATE -> 1;
                case THROUGHPUT -> 2;
                case CPU_UTIL -> 3;
                case MEMORY_UTIL -> 4;
            };
        }
    }

    private Metrics() {}

    /** Copies the event's standard metrics into {@code out}, NaN for those not reported. */
    static void read(TelemetryEvent e, double[] out) {
        out[0] = e.latencyP50();
        out[1] = e.latencyP95();
        out[2] = e.latencyP99();
        out[3] = e.errorRate();
        out[4] = e.throughput();
        out[5] = e.cpuUtil();
        out[6] = e.memoryUtil();
    }
}
