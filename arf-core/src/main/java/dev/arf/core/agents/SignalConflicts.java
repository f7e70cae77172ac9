package dev.arf.core.agents;

import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seed 003's "conflicting signals → observe": when sources reporting the same service disagree
 * outright within a short window — CPU or memory both above 90 % and below 10 %, errors both above
 * 10 % and at zero — the data cannot be trusted to act on, so ARF observes instead. Sources are told
 * apart by the {@value #SOURCE} label; one source changing its mind (a recovery) is not a conflict.
 */
public final class SignalConflicts {
    public static final String SOURCE = "source";
    public static final Duration WINDOW = Duration.ofSeconds(30);

    private SignalConflicts() {}

    /** One sentence per conflicting metric, empty when the sources agree. */
    public static List<String> among(List<TelemetryEvent> recent, Instant now) {
        List<TelemetryEvent> window = recent.stream()
                .filter(e -> !e.timestamp().isBefore(now.minus(WINDOW)))
                .filter(e -> e.labels().containsKey(SOURCE))
                .toList();
        List<String> conflicts = new ArrayList<>();
        check(window, Metric.CPU_UTIL, 0.9, 0.1, conflicts);
        check(window, Metric.MEMORY_UTIL, 0.9, 0.1, conflicts);
        check(window, Metric.ERROR_RATE, 0.1, 0.0001, conflicts);
        return conflicts;
    }

    private static void check(List<TelemetryEvent> events, Metric metric, double high, double low, List<String> out) {
        TelemetryEvent highest = null;
        TelemetryEvent lowest = null;
        for (TelemetryEvent e : events) {
            double v = e.value(metric);
            if (Double.isNaN(v)) {
                continue;
            }
            if (v >= high && (highest == null || v > highest.value(metric))) {
                highest = e;
            }
            if (v <= low && (lowest == null || v < lowest.value(metric))) {
                lowest = e;
            }
        }
        if (highest != null
                && lowest != null
                && !highest.labels().get(SOURCE).equals(lowest.labels().get(SOURCE))) {
            out.add(String.format(
                    Locale.ROOT,
                    "%s: both high and low (%s from %s, %s from %s within %ds)",
                    metric.key(),
                    metric.format(highest.value(metric)),
                    highest.labels().get(SOURCE),
                    metric.format(lowest.value(metric)),
                    lowest.labels().get(SOURCE),
                    WINDOW.toSeconds()));
        }
    }
}
