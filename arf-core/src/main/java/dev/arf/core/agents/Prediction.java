package dev.arf.core.agents;

import java.time.Duration;
import java.util.Optional;

/**
 * The Predictor's answer: the soonest threshold crossing among the forecasts, if any, and a risk
 * level (low, medium, high, critical) with a sentence such as "Critical risk: latency_p99 threshold
 * in 12 minutes".
 */
public record Prediction(Optional<String> metric, Optional<Duration> timeToThreshold, String risk, String summary) {}
