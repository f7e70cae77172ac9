package dev.arf.server;

import dev.arf.config.NotificationsConfig;
import dev.arf.config.PrometheusSource;
import dev.arf.core.access.ApiTokens;
import dev.arf.core.access.IssuedToken;
import dev.arf.core.access.Role;
import dev.arf.notify.NotificationDispatcher;
import dev.arf.notify.Notifications;
import dev.arf.server.api.Api;
import dev.arf.server.api.ApiContext;
import dev.arf.server.events.EventBus;
import dev.arf.server.events.InProcessEventBus;
import dev.arf.server.http.ApiJson;
import dev.arf.server.http.Authenticator;
import dev.arf.server.http.Bodies;
import dev.arf.server.http.HttpServer;
import dev.arf.server.http.Route;
import dev.arf.server.http.RouteTable;
import dev.arf.server.notify.EngineNotifications;
import dev.arf.server.notify.NotificationRoutes;
import dev.arf.server.observability.AlertmanagerEndpoints;
import dev.arf.server.observability.ArfMetrics;
import dev.arf.server.observability.MetricsEndpoints;
import dev.arf.server.observability.PrometheusPoller;
import dev.arf.server.runtime.EngineRuntime;
import dev.arf.server.stream.EventStream;
import dev.arf.server.stream.StreamRoutes;
import dev.arf.store.JdbcReliabilityStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code arf serve}: the engine and its HTTP API on one port, wired in one place. The store is the
 * caller's: it is opened before the server and closed after it.
 *
 * <p>On first start with no valid API token an admin token is created; its secret is returned once by
 * {@link #bootstrapToken()} for the caller to show (never logged). {@link #close()} stops accepting
 * connections, lets requests in flight finish (up to the drain timeout), then stops the engine's
 * runtime (demo fleet, agent) and checkpoints it.
 */
public final class ArfServer implements AutoCloseable {
    /** Request bodies larger than this are refused with 413 (default). */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private final EngineRuntime runtime;
    private final HttpServer http;
    private final RouteTable routes;
    private final IssuedToken bootstrap;
    private final EventBus bus;
    private final ArfMetrics metrics;
    private final EventStream stream;
    private final PrometheusPoller prometheus;
    private final NotificationDispatcher notifier;
    private final EventBus.Subscription notifying;
    private final Duration notificationInterval;
    private ScheduledExecutorService deliveries;
    private boolean closed;

    private ArfServer(Builder b) {
        this.bus = b.bus;
        EngineRuntime.Builder runtimeBuilder = EngineRuntime.builder(b.store, bus);
        b.runtime.accept(runtimeBuilder);
        this.runtime = runtimeBuilder.build();
        ApiTokens tokens = new ApiTokens(b.store.apiTokens(), runtime.audit(), runtime.clock(), new SecureRandom());
        this.bootstrap = tokens.noneValid() ? tokens.create("admin", Role.ADMIN, "bootstrap") : null;
        JsonMapper json = ApiJson.mapper();
        ApiContext context = new ApiContext(runtime, tokens, new Bodies(json, b.maxBodyBytes), json, b.version);
        this.metrics = new ArfMetrics(runtime, bus);
        this.stream = new EventStream(
                bus, runtime.audit(), e -> json.writeValueAsString(e.payload()), b.streamQueue, b.heartbeat);
        StreamRoutes streamRoutes = new StreamRoutes(stream, tokens);
        this.prometheus = b.prometheusSource == null
                ? null
                : new PrometheusPoller(b.prometheusSource, runtime.ingest(), runtime.clock());
        List<Route> more = new ArrayList<>(new MetricsEndpoints(metrics, b.metricsPublic).routes());
        more.addAll(new AlertmanagerEndpoints(runtime.engine(), context.bodies(), json).routes());
        more.addAll(streamRoutes.routes());
        this.notifier = Notifications.fromConfig(
                b.notifications, runtime.clock(), b.store.outbox(), b.store.webhookSubscriptions());
        this.notificationInterval = b.notificationInterval;
        this.notifying = bus.subscribe(new EngineNotifications(notifier));
        more.addAll(new NotificationRoutes(notifier, context.bodies()).routes());
        this.routes = Api.routes(context, more);
        this.http = new HttpServer(
                b.host,
                b.port,
                routes,
                new Authenticator(tokens),
                json,
                b.maxBodyBytes,
                b.drainTimeout,
                metrics::request,
                streamRoutes::install);
    }

    public static Builder builder(JdbcReliabilityStore store) {
        return new Builder(store);
    }

    /** Starts the runtime (agent, demo fleet), then listens. */
    public synchronized ArfServer start() {
        runtime.start();
        try {
            http.start();
            if (prometheus != null) {
                prometheus.start(runtime.scheduler());
            }
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        deliveries = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("arf-notify").daemon().factory());
        notifier.start(deliveries, notificationInterval);
        return this;
    }

    /** The port listened on (the chosen one when 0 was asked for). */
    public int port() {
        return http.port();
    }

    /** The admin token created at this start because no valid token existed; shown once, never stored. */
    public Optional<IssuedToken> bootstrapToken() {
        return Optional.ofNullable(bootstrap);
    }

    /** Every endpoint with its role (what the RBAC test walks). */
    public RouteTable routes() {
        return routes;
    }

    public EngineRuntime runtime() {
        return runtime;
    }

    /** ARF's metrics (what {@code /metrics} serves). */
    public ArfMetrics metrics() {
        return metrics;
    }

    /** Where the audit trail's records are published once durable (event stream, notifiers). */
    public EventBus events() {
        return bus;
    }

    /** The event stream's fan-out (SSE and WebSocket subscribers). */
    public EventStream stream() {
        return stream;
    }

    /** Notifications: webhooks, integrations, the outbox and its dead letters. */
    public NotificationDispatcher notifications() {
        return notifier;
    }

    /** Stops accepting, drains requests in flight, stops the runtime. Idempotent; the store stays open. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (prometheus != null) {
            prometheus.close();
        }
        try {
            stream.close();
            http.close();
        } finally {
            metrics.close();
            try {
                runtime.close();
            } finally {
                notifying.close();
                notifier.close();
                if (deliveries != null) {
                    deliveries.shutdown();
                }
            }
        }
    }

    /** Wires a server; only the store is required. */
    public static final class Builder {
        private final JdbcReliabilityStore store;
        private String host = "127.0.0.1";
        private int port = 8080;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration drainTimeout = Duration.ofSeconds(10);
        private String version = "dev";
        private EventBus bus = new InProcessEventBus();
        private Consumer<EngineRuntime.Builder> runtime = r -> {};
        private boolean metricsPublic;
        private int streamQueue = 1_024;
        private NotificationsConfig notifications = NotificationsConfig.defaults();
        private Duration notificationInterval = Duration.ofSeconds(1);
        private Duration heartbeat = Duration.ofSeconds(15);
        private PrometheusSource prometheusSource;

        private Builder(JdbcReliabilityStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; 0 picks a free one (see {@link ArfServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be within 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the body limit must be positive");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** How long {@link ArfServer#close()} waits for requests in flight. */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        public Builder events(EventBus bus) {
            this.bus = Objects.requireNonNull(bus, "bus");
            return this;
        }

        /**
         * Serves {@code /metrics} without a token (for a Prometheus that scrapes without one); by
         * default it needs a viewer token, which Prometheus sends with its {@code authorization} setting.
         */
        public Builder metricsPublic(boolean open) {
            this.metricsPublic = open;
            return this;
        }

        /** Polls Prometheus for telemetry (seed 001's fetch_metrics); none by default. */
        public Builder prometheusSource(PrometheusSource source) {
            this.prometheusSource = source;
            return this;
        }

        /** Adjusts the engine's runtime: clock, policies, blueprints directory, governance, demo. */
        public Builder runtime(Consumer<EngineRuntime.Builder> customise) {
            this.runtime = Objects.requireNonNull(customise, "customise");
            return this;
        }

        /**
         * The event stream: events a subscriber may fall behind before it is dropped (it reconnects with
         * Last-Event-ID), and how often an idle stream sends a heartbeat.
         */
        public Builder stream(int queueCapacity, Duration heartbeatEvery) {
            if (queueCapacity < 1 || heartbeatEvery.isNegative() || heartbeatEvery.isZero()) {
                throw new IllegalArgumentException("the stream needs a positive queue and heartbeat");
            }
            this.streamQueue = queueCapacity;
            this.heartbeat = heartbeatEvery;
            return this;
        }

        /** Integrations, retries, anti-spam and the SSRF allow-list ({@code notifications.yaml}); default: none. */
        public Builder notifications(NotificationsConfig config) {
            this.notifications = Objects.requireNonNull(config, "config");
            return this;
        }

        /** How often due notifications are delivered (default 1 s). */
        public Builder notificationInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the notification interval must be positive");
            }
            this.notificationInterval = interval;
            return this;
        }

        public ArfServer build() {
            return new ArfServer(this);
        }
    }
}
