package dev.arf.core.agents;

import dev.arf.core.detect.Severity;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Revenue and users affected, from per-service {@link ServiceProfile}s (the default profile for
 * services not listed).
 *
 * <p>The share of traffic affected is the error rate plus, for requests that succeed, the share
 * made too slow by latency beyond the budget (slowness costs less than failure: it counts half).
 */
public final class ImpactAgent {
    private final Map<String, ServiceProfile> profiles;
    private final ServiceProfile fallback;

    public ImpactAgent(Map<String, ServiceProfile> profiles, ServiceProfile fallback) {
        this.profiles = Map.copyOf(profiles);
        this.fallback = fallback;
    }

    public BusinessImpact assess(TelemetryEvent event, Instant episodeStart) {
        ServiceProfile profile = profiles.getOrDefault(event.service(), fallback);
        double errors = orZero(event.errorRate());
        double p99 = orZero(event.latencyP99());
        double slowShare =
                p99 > profile.latencyBudgetMs() ? Math.min(1, (p99 / profile.latencyBudgetMs() - 1) / 3) * 0.5 : 0;
        double affected = Math.min(1, errors + (1 - errors) * slowShare);
        double lossPerMinute = profile.revenuePerMinute() * affected;
        double minutes =
                Math.max(1, Duration.between(episodeStart, event.timestamp()).toSeconds() / 60.0);
        long users = Math.round(orZero(event.throughput()) * 60 / profile.requestsPerUserPerMinute() * affected);
        Severity severity = affected >= 0.5 || lossPerMinute >= 5_000
                ? Severity.CRITICAL
                : affected >= 0.2 ? Severity.HIGH : affected >= 0.05 ? Severity.MEDIUM : Severity.LOW;
        String summary = String.format(
                Locale.ROOT,
                "%.0f%% of requests affected: about $%,.0f/min lost, $%,.0f so far, %,d users affected",
                affected * 100,
                lossPerMinute,
                lossPerMinute * minutes,
                users);
        return new BusinessImpact(lossPerMinute, lossPerMinute * minutes, users, affected, severity, summary);
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
