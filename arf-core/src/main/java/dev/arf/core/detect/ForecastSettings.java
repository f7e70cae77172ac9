package dev.arf.core.detect;

import dev.arf.core.telemetry.Metric;
import java.time.Duration;
import java.util.Map;

/**
 * Trend forecasts towards critical thresholds: a least-squares line over the last {@code
 * windowSamples} samples of each metric (by event time).
 *
 * @param thresholds critical upper thresholds by standard metric key; a metric without one is not
 *     forecast
 * @param minSamples samples needed in the window before a trend is trusted
 * @param horizon how far ahead a threshold crossing is reported
 * @param minFit least R² of the line for a forecast to be reported, in [0, 1]: noise around a level
 *     is not a trend
 */
public record ForecastSettings(
        Map<String, Double> thresholds, int windowSamples, int minSamples, Duration horizon, double minFit) {

    public ForecastSettings {
        thresholds = Map.copyOf(thresholds);
        for (Map.Entry<String, Double> e : thresholds.entrySet()) {
            if (Metric.byKey(e.getKey()).isEmpty()) {
                throw new IllegalArgumentException("forecast.thresholds." + e.getKey() + ": not a standard metric");
            }
            if (!Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("forecast.thresholds." + e.getKey() + ": must be finite");
            }
        }
        if (windowSamples < 3 || windowSamples > 10_000) {
            throw new IllegalArgumentException("forecast.windowSamples: 3 to 10000, got " + windowSamples);
        }
        if (minSamples < 3 || minSamples > windowSamples) {
            throw new IllegalArgumentException("forecast.minSamples: 3 to windowSamples, got " + minSamples);
        }
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("forecast.horizon: must be positive, got " + horizon);
        }
        if (!(minFit >= 0 && minFit <= 1)) {
            throw new IllegalArgumentException("forecast.minFit: must be in [0, 1], got " + minFit);
        }
    }

    /** p99 latency 1000 ms, error rate 10 %, CPU 90 %, memory 95 %; 30 samples; 60 minutes ahead. */
    public static ForecastSettings defaults() {
        return new ForecastSettings(
                Map.of(
                        Metric.LATENCY_P99.key(), 1000.0,
                        Metric.ERROR_RATE.key(), 0.10,
                        Metric.CPU_UTIL.key(), 0.90,
                        Metric.MEMORY_UTIL.key(), 0.95),
                30,
                6,
                Duration.ofMinutes(60),
                0.5);
    }

    public ForecastSettings withThresholds(Map<String, Double> criticalThresholds) {
        return new ForecastSettings(criticalThresholds, windowSamples, minSamples, horizon, minFit);
    }
}
