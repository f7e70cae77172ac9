package dev.arf.core.detect;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a metric is heading: its trend and, when it is moving towards its threshold and will cross
 * it within the forecast horizon, the time until it does ("latency threshold in 12 minutes").
 */
public record Forecast(
        String metric,
        double current,
        double threshold,
        double slopePerMinute,
        Optional<Duration> timeToThreshold,
        String explanation) {}
