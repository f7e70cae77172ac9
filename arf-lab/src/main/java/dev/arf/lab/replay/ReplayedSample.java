package dev.arf.lab.replay;

import dev.arf.core.telemetry.Metric;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One event as it was fed to the engine.
 *
 * @param minute on the timeline's own scale
 * @param leadIn true before the first reconstructed point (the steady warm-up)
 */
public record ReplayedSample(double minute, Instant at, boolean leadIn, Map<Metric, Double> values) {
    public ReplayedSample {
        EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }
}
