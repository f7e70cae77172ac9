package dev.arf.core.detect;

import java.time.Instant;
import java.util.List;

/**
 * What the detectors concluded about one event of one service.
 *
 * @param score the fused anomaly score of this sample alone, in [0, 1]
 * @param confidence how sure the detectors are that the service is anomalous now, in [0, 1], after
 *     smoothing
 * @param anomalous the hysteresis-filtered verdict: a single spike does not make it true, a
 *     flapping metric does not toggle it on every sample
 * @param anomalousSince when the current anomalous episode started (null when not anomalous)
 * @param signals the reasons, strongest first
 * @param warmingUp true while the baselines have seen too few samples to judge deviations
 */
public record Detection(
        String service,
        Instant timestamp,
        double score,
        double confidence,
        boolean anomalous,
        Instant anomalousSince,
        Severity severity,
        List<Signal> signals,
        List<Forecast> forecasts,
        List<RuleStatus> rules,
        boolean warmingUp) {

    public Detection {
        signals = List.copyOf(signals);
        forecasts = List.copyOf(forecasts);
        rules = List.copyOf(rules);
    }
}
