package dev.arf.core.agents;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.Signal;
import java.util.List;
import java.util.Locale;

/** Is it anomalous, how sure, and why: a readable digest of the detectors' verdict. */
public final class Detective {
    private static final int MAX_EVIDENCE = 5;

    public DetectiveFinding examine(Detection detection) {
        List<String> evidence = detection.signals().stream()
                .limit(MAX_EVIDENCE)
                .map(Signal::explanation)
                .toList();
        String summary;
        if (detection.anomalous()) {
            summary = String.format(
                    Locale.ROOT,
                    "Anomalous with %.0f%% confidence: %s",
                    detection.confidence() * 100,
                    evidence.isEmpty() ? "combined deviation across metrics" : describe(detection.signals()));
        } else if (detection.warmingUp()) {
            summary = "Learning this service's normal behaviour (baselines warming up)";
        } else if (!evidence.isEmpty()) {
            summary = String.format(
                    Locale.ROOT,
                    "Watching: %s (score %.2f, below the incident bar)",
                    describe(detection.signals()),
                    detection.score());
        } else {
            summary = "Normal: every metric within its learned range";
        }
        return new DetectiveFinding(
                detection.anomalous(), detection.confidence(), detection.severity(), evidence, summary);
    }

    private static String describe(List<Signal> signals) {
        List<String> metrics = signals.stream()
                .map(Signal::metric)
                .filter(m -> !"*".equals(m))
                .distinct()
                .limit(3)
                .toList();
        if (metrics.isEmpty()) {
            return "the metric vector as a whole is unusual";
        }
        return String.join(" + ", metrics) + (metrics.size() > 1 ? " deviating together" : " deviating");
    }
}
