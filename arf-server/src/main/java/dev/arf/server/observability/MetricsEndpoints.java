package dev.arf.server.observability;

import dev.arf.core.access.Role;
import dev.arf.server.http.Route;
import java.util.List;

/**
 * {@code GET /metrics} for Prometheus, and seed 000's {@code /metrics/export/prometheus} (the same
 * text). {@code /metrics} needs a viewer token unless the server was started with public metrics
 * ({@code arf serve --metrics-public}); the export path always needs one.
 */
public final class MetricsEndpoints {
    private final ArfMetrics metrics;
    private final boolean metricsPublic;

    public MetricsEndpoints(ArfMetrics metrics, boolean metricsPublic) {
        this.metrics = metrics;
        this.metricsPublic = metricsPublic;
    }

    public List<Route> routes() {
        return List.of(
                Route.get(
                                "/metrics",
                                metricsPublic ? null : Role.VIEWER,
                                "metrics",
                                "ARF's metrics in Prometheus text format (anomaly scores, incidents, actions,"
                                        + " gates, ingest, HTTP, JVM)",
                                (ctx, caller) ->
                                        ctx.contentType(ArfMetrics.CONTENT_TYPE).result(metrics.scrape()))
                        .answers(200, "text/plain"),
                Route.get(
                                "/metrics/export/prometheus",
                                Role.VIEWER,
                                "seed-000",
                                "Seed 000's Prometheus export: the same text as /metrics",
                                (ctx, caller) ->
                                        ctx.contentType(ArfMetrics.CONTENT_TYPE).result(metrics.scrape()))
                        .answers(200, "text/plain"));
    }
}
