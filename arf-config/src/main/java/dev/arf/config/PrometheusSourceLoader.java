package dev.arf.config;

import dev.arf.core.blueprint.Units;
import dev.arf.core.telemetry.Metric;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Prometheus source file ({@code prometheus-source.schema.json}, published in this jar):
 * safe YAML, the schema, then what it cannot say — durations positive where they must be, {@code
 * max_backoff ≥ interval}, {@code timeout ≤ interval}. Every problem at once, as {@code
 * file:line:column: field: message}. Thread-safe.
 *
 * <pre>
 * prometheus:
 *   url: http://127.0.0.1:9090
 *   interval: 15s
 * services:
 *   checkout:
 *     latency_p99: histogram_quantile(0.99, sum(rate(http_request_seconds_bucket{job="checkout"}[1m])) by (le)) * 1000
 *     error_rate: sum(rate(http_requests_total{job="checkout",code=~"5.."}[1m])) / sum(rate(http_requests_total{job="checkout"}[1m]))
 * </pre>
 */
public final class PrometheusSourceLoader {
    public static final String SCHEMA_RESOURCE = "/schemas/prometheus-source.schema.json";

    private final ValidatedYaml reader =
            new ValidatedYaml("Prometheus source file", "a mapping with 'prometheus' and 'services'", SCHEMA_RESOURCE);

    /** @throws ConfigException with every problem found */
    public PrometheusSource load(Path file) {
        return map(reader.read(file));
    }

    /** @throws ConfigException with every problem found */
    public PrometheusSource load(String yaml, String sourceName) {
        return map(reader.read(yaml, sourceName));
    }

    private static PrometheusSource map(ValidatedYaml.Document document) {
        JsonNode root = document.tree();
        JsonNode p = root.path("prometheus");
        List<ConfigProblem> problems = new ArrayList<>();
        Duration interval = duration(p, "interval", PrometheusSource.DEFAULT_INTERVAL);
        Duration timeout = duration(p, "timeout", PrometheusSource.DEFAULT_TIMEOUT);
        Duration maxBackoff = duration(p, "max_backoff", PrometheusSource.DEFAULT_MAX_BACKOFF);
        if (interval.isZero()) {
            problems.add(document.problem("/prometheus/interval", "must be more than 0"));
        }
        if (timeout.isZero()) {
            problems.add(document.problem("/prometheus/timeout", "must be more than 0"));
        } else if (timeout.compareTo(interval) > 0 && !interval.isZero()) {
            problems.add(document.problem("/prometheus/timeout", "must not be longer than the interval"));
        }
        if (maxBackoff.compareTo(interval) < 0) {
            problems.add(document.problem("/prometheus/max_backoff", "must not be shorter than the interval"));
        }
        URI url = URI.create(p.path("url").asString());
        Optional<Path> token = p.has("bearer_token_file")
                ? Optional.of(Path.of(p.path("bearer_token_file").asString()))
                : Optional.empty();
        List<PrometheusSource.ServiceQueries> services = new ArrayList<>();
        for (var entry : new TreeMap<>(root.path("services")
                        .propertyStream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue())))
                .entrySet()) {
            EnumMap<Metric, String> metrics = new EnumMap<>(Metric.class);
            TreeMap<String, String> custom = new TreeMap<>();
            entry.getValue().properties().forEach(q -> {
                if (q.getKey().equals("custom")) {
                    q.getValue()
                            .properties()
                            .forEach(c -> custom.put(c.getKey(), c.getValue().asString()));
                } else {
                    metrics.put(
                            Metric.byKey(q.getKey()).orElseThrow(), q.getValue().asString());
                }
            });
            if (metrics.isEmpty() && custom.isEmpty()) {
                problems.add(document.problem(
                        "/services/" + entry.getKey().replace("~", "~0").replace("/", "~1"),
                        "needs at least one query"));
            }
            services.add(new PrometheusSource.ServiceQueries(entry.getKey(), metrics, custom));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PrometheusSource(url, interval, timeout, maxBackoff, token, services);
    }

    private static Duration duration(JsonNode parent, String field, Duration fallback) {
        JsonNode node = parent.get(field);
        return node == null ? fallback : Units.duration(node.asString());
    }
}
