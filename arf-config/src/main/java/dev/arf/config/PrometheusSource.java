package dev.arf.config;

import dev.arf.core.telemetry.Metric;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Prometheus as a telemetry source (seed 001's fetch_metrics), as {@link PrometheusSourceLoader}
 * reads it: where Prometheus is, how often to poll and how far to back off, and per service a PromQL
 * query per metric.
 *
 * @param interval between polls while Prometheus answers
 * @param timeout of each query
 * @param maxBackoff the longest wait after failures (the wait doubles from {@code interval})
 * @param bearerTokenFile a file with the token Prometheus wants, if any
 */
public record PrometheusSource(
        URI url,
        Duration interval,
        Duration timeout,
        Duration maxBackoff,
        Optional<Path> bearerTokenFile,
        List<ServiceQueries> services) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);

    public PrometheusSource {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(bearerTokenFile, "bearerTokenFile");
        services = List.copyOf(services);
    }

    /** One service's queries: a PromQL expression per known metric and per custom metric. */
    public record ServiceQueries(String service, Map<Metric, String> metrics, Map<String, String> custom) {
        public ServiceQueries {
            Objects.requireNonNull(service, "service");
            metrics = Map.copyOf(metrics);
            custom = Map.copyOf(custom);
        }
    }
}
