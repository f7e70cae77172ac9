package dev.arf.core.detect;

import dev.arf.core.telemetry.Metric;
import java.time.Duration;
import java.util.Optional;

/**
 * Forecasts, per metric with a critical threshold, when a rising trend will cross it. A forecast is
 * imminent when the metric is still below its threshold, the least-squares line over the window fits
 * well enough and rises, and it reaches the threshold within the horizon. Metrics already above
 * their threshold are the threshold rules' business, not the forecaster's.
 */
final class TrendForecaster {
    static final double STEADY_FIT = 0.9;
    static final double PREDICTED_BREACH_MINUTES = 30;

    private final ForecastSettings settings;
    private final int[] metrics;
    private final double[] thresholds;
    private final LinearTrend[] trends;
    private final double[] minutesToThreshold;
    private final double[] slope;
    private final boolean[] steady;
    private final double[] current;
    private final double horizonMinutes;
    private int imminent;

    TrendForecaster(ForecastSettings settings) {
        this.settings = settings;
        int n = settings.thresholds().size();
        metrics = new int[n];
        thresholds = new double[n];
        trends = new LinearTrend[n];
        minutesToThreshold = new double[n];
        slope = new double[n];
        steady = new boolean[n];
        current = new double[n];
        int i = 0;
        // Standard-metric order, not map order: the output must not depend on hashing.
        for (Metric m : Metrics.ALL) {
            Double threshold = settings.thresholds().get(m.key());
            if (threshold != null) {
                metrics[i] = m.ordinal();
                thresholds[i] = threshold;
                trends[i] = new LinearTrend(settings.windowSamples());
                minutesToThreshold[i] = Double.NaN;
                i++;
            }
        }
        horizonMinutes = settings.horizon().toSeconds() / 60.0;
    }

    /** Learns the in-order sample and recomputes which forecasts are imminent. */
    void observe(double[] values, long millis) {
        imminent = 0;
        for (int i = 0; i < metrics.length; i++) {
            double v = values[metrics[i]];
            minutesToThreshold[i] = Double.NaN;
            steady[i] = false;
            if (Double.isNaN(v)) {
                continue;
            }
            LinearTrend trend = trends[i];
            trend.add(millis, v);
            current[i] = v;
            if (trend.size() < settings.minSamples() || v >= thresholds[i]) {
                continue;
            }
            double s = trend.slopePerMinute();
            if (!(s > 0) || Double.isInfinite(s)) {
                continue;
            }
            double fit = trend.fit();
            if (!(fit >= settings.minFit())) {
                continue;
            }
            double minutes = Math.max(0, (thresholds[i] - trend.fittedAtLast()) / s);
            if (minutes <= horizonMinutes) {
                minutesToThreshold[i] = minutes;
                slope[i] = s;
                steady[i] = trend.size() >= settings.windowSamples() && fit >= STEADY_FIT;
                imminent++;
            }
        }
    }

    int size() {
        return metrics.length;
    }

    int imminent() {
        return imminent;
    }

    boolean isImminent(int i) {
        return !Double.isNaN(minutesToThreshold[i]);
    }

    int metricIndex(int i) {
        return metrics[i];
    }

    double minutesToThreshold(int i) {
        return minutesToThreshold[i];
    }

    /**
     * Evidence of an imminent crossing, growing as it nears: at most 0.35, never enough alone, unless
     * a full window of samples lies on a straight line (R² ≥ {@value #STEADY_FIT}) that crosses within
     * {@value #PREDICTED_BREACH_MINUTES} minutes. That is a predicted breach, as Prometheus users alert
     * on {@code predict_linear}: enough on its own (after the hysteresis) to open an incident before
     * users feel anything — a memory leak is found before the OOM killer finds it.
     */
    double evidence(int i) {
        if (!isImminent(i)) {
            return 0;
        }
        double minutes = minutesToThreshold[i];
        if (steady[i] && minutes <= PREDICTED_BREACH_MINUTES) {
            return 0.65 + 0.15 * (1 - minutes / PREDICTED_BREACH_MINUTES);
        }
        return 0.35 * (1 - minutes / horizonMinutes);
    }

    Forecast forecast(int i) {
        Metric m = Metrics.ALL[metrics[i]];
        double minutes = minutesToThreshold[i];
        Duration eta = Duration.ofSeconds(Math.round(minutes * 60));
        return new Forecast(
                m.key(),
                current[i],
                thresholds[i],
                slope[i],
                Optional.of(eta),
                SignalText.forecast(m, thresholds[i], minutes, slope[i]));
    }

    /** For a signal's {@code value}: the metric's latest value. */
    double current(int i) {
        return current[i];
    }

    double threshold(int i) {
        return thresholds[i];
    }

    String explanation(int i) {
        return SignalText.forecast(Metrics.ALL[metrics[i]], thresholds[i], minutesToThreshold[i], slope[i]);
    }
}
