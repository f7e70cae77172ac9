package dev.arf.lab.replay;

import dev.arf.core.telemetry.Metric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One reconstructed observation of an outage's timeline: the minute (relative to the timeline's own
 * zero, usually customer impact) and the metrics known at that minute. A metric that a point does
 * not name is unknown there, not zero.
 */
public record TimelinePoint(double minute, Map<Metric, Double> values) {
    public TimelinePoint {
        EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    /** The value of {@code metric} at this point, NaN when the point does not give it. */
    public double value(Metric metric) {
        return values.getOrDefault(metric, Double.NaN);
    }
}
