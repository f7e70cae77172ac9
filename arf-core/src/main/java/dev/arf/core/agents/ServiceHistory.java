package dev.arf.core.agents;

import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The recent events of one service, bounded in count, for agents that look at change over time (a
 * version that changed, a metric that keeps climbing). Not thread-safe: the engine owns one per
 * service and serialises access.
 */
public final class ServiceHistory {
    public static final String VERSION_LABEL = "version";

    private final int capacity;
    private final Deque<TelemetryEvent> events;
    private VersionChange lastVersionChange;

    public ServiceHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("history capacity must be at least 2, got " + capacity);
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
    }

    /** A deploy seen in the labels: the {@code version} label changed between two events. */
    public record VersionChange(String from, String to, Instant at) {}

    public void add(TelemetryEvent event) {
        TelemetryEvent previous = events.peekLast();
        if (previous != null) {
            String before = previous.labels().get(VERSION_LABEL);
            String after = event.labels().get(VERSION_LABEL);
            if (before != null && after != null && !before.equals(after)) {
                lastVersionChange = new VersionChange(before, after, event.timestamp());
            }
        }
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    public Optional<VersionChange> versionChangeWithin(Duration window, Instant now) {
        return Optional.ofNullable(lastVersionChange)
                .filter(c -> !c.at().isBefore(now.minus(window)) && !c.at().isAfter(now));
    }

    /** Oldest first. */
    public List<TelemetryEvent> events() {
        return List.copyOf(events);
    }

    public int size() {
        return events.size();
    }

    /**
     * Least-squares slope of {@code metric} per minute of event time over the history; NaN with fewer
     * than 3 reported samples or no time spread.
     */
    public double slopePerMinute(Metric metric) {
        return trend(metric).slopePerMinute();
    }

    /**
     * A straight-line fit of {@code metric} over event time: its slope per minute and how well a line
     * explains the values (R², 1 for a perfect line). NaN values when there is too little data.
     */
    public record Trend(double slopePerMinute, double rSquared) {
        static final Trend NONE = new Trend(Double.NaN, Double.NaN);
    }

    public Trend trend(Metric metric) {
        Objects.requireNonNull(metric, "metric");
        TelemetryEvent first = events.peekFirst();
        if (first == null) {
            return Trend.NONE;
        }
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        for (TelemetryEvent e : events) {
            double y = e.value(metric);
            if (Double.isNaN(y)) {
                continue;
            }
            double x = Duration.between(first.timestamp(), e.timestamp()).toMillis() / 60_000.0;
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            syy += y * y;
        }
        double varX = n * sxx - sx * sx;
        if (n < 3 || varX <= 1e-12) {
            return Trend.NONE;
        }
        double cov = n * sxy - sx * sy;
        double varY = n * syy - sy * sy;
        double slope = cov / varX;
        double r2 = varY <= 1e-18 ? 0 : (cov * cov) / (varX * varY);
        return new Trend(slope, r2);
    }

    /** Median of the reported values of {@code metric} in the history, NaN if none. */
    public double median(Metric metric) {
        double[] values = events.stream()
                .mapToDouble(e -> e.value(metric))
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
