package dev.arf.server.observability;

import dev.arf.config.PrometheusSource;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.server.runtime.IngestService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus as a telemetry source (seed 001's fetch_metrics): every interval, each service's PromQL
 * queries are asked of Prometheus' HTTP API ({@code /api/v1/query}, instant queries) and the answers
 * become one telemetry event per service, ingested like any other (stored durably, then detection).
 * A query with no sample leaves its metric out; a service with no value sends nothing.
 *
 * <p>A poll fails when Prometheus does not answer, or answers a query with an error: the next poll
 * then waits twice as long as the last, from the interval up to {@code max_backoff} (see {@link
 * #delay}), and the first poll that succeeds goes back to the interval. Only one poll runs at a time.
 */
public final class PrometheusPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusPoller.class);

    private final PrometheusSource source;
    private final IngestService ingest;
    private final Clock clock;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failedPolls = new AtomicLong();
    private int consecutiveFailures;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> next;
    private volatile boolean closed;

    public PrometheusPoller(PrometheusSource source, IngestService ingest, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder().connectTimeout(source.timeout()).build();
    }

    /**
     * The wait before the next poll after {@code failures} failed polls in a row: the interval, then
     * doubling, at most {@code maxBackoff}.
     */
    static Duration delay(Duration interval, Duration maxBackoff, int failures) {
        if (failures <= 0) {
            return interval;
        }
        Duration d = interval;
        for (int i = 0; i < failures && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /** Polls now, then on the interval (or the backoff) on {@code on}. */
    public synchronized void start(ScheduledExecutorService on) {
        this.scheduler = on;
        next = on.schedule(this::run, 0, TimeUnit.MILLISECONDS);
    }

    private void run() {
        if (closed) {
            return;
        }
        boolean ok;
        try {
            ok = pollOnce();
        } catch (RuntimeException e) {
            LOG.warn("Prometheus poll failed: {}", e.toString());
            ok = false;
        }
        synchronized (this) {
            consecutiveFailures = ok ? 0 : consecutiveFailures + 1;
            Duration wait = delay(source.interval(), source.maxBackoff(), consecutiveFailures);
            if (!closed && !scheduler.isShutdown()) {
                try {
                    next = scheduler.schedule(this::run, wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // Shutting down.
                }
            }
        }
    }

    /** One poll: every query once, the events ingested. False when Prometheus failed a query. */
    boolean pollOnce() {
        polls.incrementAndGet();
        Instant at = clock.instant();
        String token = token();
        boolean failed = false;
        List<TelemetryEvent> events = new ArrayList<>();
        for (PrometheusSource.ServiceQueries service : source.services()) {
            TelemetryEvent.Builder event = TelemetryEvent.builder(service.service(), at);
            int values = 0;
            for (Map.Entry<Metric, String> q : service.metrics().entrySet()) {
                try {
                    OptionalDouble v = query(q.getValue(), token);
                    if (v.isPresent()) {
                        event.metric(q.getKey(), v.getAsDouble());
                        values++;
                    }
                } catch (QueryFailed e) {
                    failed = true;
                    LOG.warn(
                            "Prometheus query for {} {} failed: {}",
                            service.service(),
                            q.getKey().key(),
                            e.getMessage());
                }
            }
            for (Map.Entry<String, String> q : service.custom().entrySet()) {
                try {
                    OptionalDouble v = query(q.getValue(), token);
                    if (v.isPresent()) {
                        event.custom(q.getKey(), v.getAsDouble());
                        values++;
                    }
                } catch (QueryFailed e) {
                    failed = true;
                    LOG.warn("Prometheus query for {} {} failed: {}", service.service(), q.getKey(), e.getMessage());
                }
            }
            if (values > 0) {
                TelemetryEvent built = event.buildUnchecked();
                if (built.problems().isEmpty()) {
                    events.add(built);
                } else {
                    LOG.warn(
                            "Prometheus values for {} are not valid telemetry: {}",
                            service.service(),
                            built.problems());
                    ingest.rejected(1);
                }
            }
        }
        if (!events.isEmpty()) {
            ingest.ingest(null, events);
        }
        if (failed) {
            failedPolls.incrementAndGet();
        }
        return !failed;
    }

    private static final class QueryFailed extends Exception {
        private static final long serialVersionUID = 1L;

        QueryFailed(String message) {
            super(message);
        }
    }

    /** The first sample of an instant query's answer (a vector's first series, or a scalar). */
    private OptionalDouble query(String promql, String token) throws QueryFailed {
        String base = source.url().toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .timeout(source.timeout())
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new QueryFailed("Prometheus did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFailed("interrupted");
        }
        if (answer.statusCode() != 200) {
            throw new QueryFailed("HTTP " + answer.statusCode());
        }
        JsonNode data = json.readTree(answer.body()).path("data");
        JsonNode value = switch (data.path("resultType").asString()) {
            case "vector" -> data.path("result").path(0).path("value").path(1);
            case "scalar" -> data.path("result").path(1);
            default -> throw new QueryFailed("expected a vector or scalar, got " + data.path("resultType"));
        };
        if (value.isMissingNode()) {
            return OptionalDouble.empty();
        }
        try {
            double v = Double.parseDouble(value.asString());
            return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private String token() {
        return source.bearerTokenFile()
                .map(f -> {
                    try {
                        return Files.readString(f).strip();
                    } catch (IOException e) {
                        LOG.warn("cannot read the Prometheus bearer token file: {}", e.toString());
                        return null;
                    }
                })
                .orElse(null);
    }

    /** Polls made since start. */
    public long polls() {
        return polls.get();
    }

    /** Polls in which Prometheus failed a query. */
    public long failedPolls() {
        return failedPolls.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
    }
}
