package dev.arf.server.observability;

import dev.arf.core.audit.AuditEvents;
import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.governance.GuardianState;
import dev.arf.core.governance.StoredGuardianMemory;
import dev.arf.core.governance.StoredKillSwitch;
import dev.arf.core.incident.Incident;
import dev.arf.server.events.ArfEvent;
import dev.arf.server.events.EventBus;
import dev.arf.server.runtime.EngineRuntime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * ARF's metrics in Prometheus' text format (Micrometer, one registry of its own — never the global
 * one): per-service anomaly score and state, open incidents, incidents opened and resolved, actions
 * executed (by action and status) and refused (by action and reason code), the gates (kill switch,
 * open circuit breakers, pending approvals), ingest (events accepted and rejected), HTTP requests by
 * route template, and the JVM.
 *
 * <p>Counters come from what the engine publishes on the {@link EventBus} and from the ingest, so
 * they count since this process started (Prometheus' {@code rate()} copes with restarts). State
 * (gauges) is read from the engine and the store when scraped. Per-service series are kept for at
 * most {@link #MAX_SERVICES} services so that a flood of service names cannot blow up the scrape.
 * Thread-safe; {@link #close()} stops listening.
 */
public final class ArfMetrics implements AutoCloseable {
    /** Services given their own series; later ones are only counted in the totals. */
    public static final int MAX_SERVICES = 1_000;

    /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final EngineRuntime runtime;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Double> scores = new ConcurrentHashMap<>();
    private final MultiGauge serviceScore;
    private final MultiGauge serviceState;
    private final MultiGauge breakerState;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final EventBus.Subscription subscription;
    private volatile double killSwitch;
    private volatile double openBreakers;
    private volatile double openIncidents;
    private volatile double pendingApprovals;

    public ArfMetrics(EngineRuntime runtime, EventBus bus) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        // promtool's lint refuses these two names of Micrometer's processor binder ("_count" on a
        // gauge, an abbreviated unit); the rest of the binder stays.
        registry.config()
                .meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"))
                .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);

        FunctionCounter.builder("arf.ingest.events.accepted", runtime.ingest(), i -> i.accepted())
                .description("Telemetry events accepted (stored durably) since ARF started")
                .register(registry);
        FunctionCounter.builder("arf.ingest.events.rejected", runtime.ingest(), i -> i.rejectedCount())
                .description("Telemetry events refused (invalid, or over the service limit) since ARF started")
                .register(registry);
        FunctionCounter.builder("arf.audit.failures", runtime.engine(), e -> e.auditFailures())
                .description("Audit entries the engine could not write")
                .register(registry);
        Gauge.builder("arf.incidents.open", this, m -> m.openIncidents)
                .description("Incidents open now (detected or raised by an alert)")
                .register(registry);
        Gauge.builder("arf.kill.switch.engaged", this, m -> m.killSwitch)
                .description("1 when the kill switch is engaged (or unreadable, which counts as engaged), else 0")
                .register(registry);
        Gauge.builder("arf.circuit.breakers.open", this, m -> m.openBreakers)
                .description("Services whose circuit breaker is open (NaN when the Guardian's state is unreadable)")
                .register(registry);
        Gauge.builder("arf.approvals.pending", this, m -> m.pendingApprovals)
                .description("Approval requests waiting for a person")
                .register(registry);
        Gauge.builder("arf.governed", runtime, r -> r.governed() ? 1 : 0)
                .description("1 when actions pass the Guardian (there are blueprints), 0 when only the kill switch")
                .register(registry);
        this.serviceScore = MultiGauge.builder("arf.service.anomaly.score")
                .description("Fused anomaly confidence of the service's latest event, 0 to 1")
                .register(registry);
        this.serviceState = MultiGauge.builder("arf.service.state")
                .description("1 for the service's current state (incident or healthy), 0 for the other")
                .register(registry);
        this.breakerState = MultiGauge.builder("arf.circuit.breaker.state")
                .description("1 for the state of each service's circuit breaker (closed, open, half_open)")
                .register(registry);
        // Declared up front so the series exist (at 0) before the first incident and action.
        incidentCounter("arf.incidents.opened", "Incidents opened since ARF started");
        incidentCounter("arf.incidents.resolved", "Incidents resolved since ARF started");
        runtime.ingest().onAnalysed(this::analysed);
        this.subscription = bus.subscribe(this::heard);
        refresh();
    }

    private Counter incidentCounter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private void analysed(AnalysisResult result) {
        if (result.status() == AnalysisResult.Status.REJECTED || result.service() == null) {
            return;
        }
        if (scores.containsKey(result.service()) || scores.size() < MAX_SERVICES) {
            scores.put(result.service(), result.confidence());
        }
    }

    private void heard(ArfEvent event) {
        switch (event.type()) {
            case AuditEvents.INCIDENT_OPENED ->
                incidentCounter("arf.incidents.opened", "Incidents opened since ARF started")
                        .increment();
            case AuditEvents.INCIDENT_RESOLVED ->
                incidentCounter("arf.incidents.resolved", "Incidents resolved since ARF started")
                        .increment();
            case AuditEvents.ORCH_EXEC, AuditEvents.ORCH_FAILED ->
                Counter.builder("arf.actions.executed")
                        .description("Actions carried out by an actuator, by action and outcome status")
                        .tags(
                                "action",
                                detail(event, "action"),
                                "status",
                                detail(event, "status").toLowerCase(Locale.ROOT))
                        .register(registry)
                        .increment();
            case AuditEvents.ORCH_REFUSE ->
                Counter.builder("arf.actions.refused")
                        .description("Actions a gate refused or sent for approval, by action and reason code")
                        .tags("action", detail(event, "action"), "reason_code", detail(event, "reason_code"))
                        .register(registry)
                        .increment();
            default -> {}
        }
    }

    private static String detail(ArfEvent event, String key) {
        String value = event.details().get(key);
        if (value == null || value.isEmpty()) {
            return "unknown";
        }
        // Reason codes and action keys are short words; anything else is cut to bound the series.
        return value.length() <= 64 ? value : value.substring(0, 64);
    }

    /** Times one HTTP request; {@code route} is the route's template (never the raw path). */
    public void request(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .description("HTTP requests ARF answered, by method, route template and status")
                .tags("method", method, "uri", route, "status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Reads the state the gauges show: incidents, gates, per-service series. */
    synchronized void refresh() {
        Instant now = runtime.clock().instant();
        List<Incident> open = runtime.engine().openIncidents();
        openIncidents = open.size();
        Map<String, Boolean> inIncident = new HashMap<>();
        scores.keySet().forEach(s -> inIncident.put(s, false));
        for (Incident i : open) {
            if (inIncident.containsKey(i.service()) || inIncident.size() < MAX_SERVICES) {
                inIncident.put(i.service(), true);
            }
        }
        List<MultiGauge.Row<?>> stateRows = new ArrayList<>();
        inIncident.forEach((service, incident) -> {
            stateRows.add(MultiGauge.Row.of(Tags.of("service", service, "state", "incident"), incident ? 1 : 0));
            stateRows.add(MultiGauge.Row.of(Tags.of("service", service, "state", "healthy"), incident ? 0 : 1));
        });
        serviceState.register(stateRows, true);
        List<MultiGauge.Row<?>> scoreRows = new ArrayList<>();
        scores.forEach((service, score) -> scoreRows.add(MultiGauge.Row.of(Tags.of("service", service), score)));
        serviceScore.register(scoreRows, true);
        try {
            killSwitch = new StoredKillSwitch(runtime.store()).engaged() ? 1 : 0;
        } catch (RuntimeException e) {
            killSwitch = 1;
        }
        try {
            GuardianState state = new StoredGuardianMemory(runtime.store()).load();
            Duration openFor = runtime.governance().defaults().safety().breakerOpenFor();
            List<MultiGauge.Row<?>> breakerRows = new ArrayList<>();
            int opened = 0;
            for (var entry : state.breakers().entrySet()) {
                String position = entry.getValue()
                        .openedAt()
                        .map(at -> now.isBefore(at.plus(openFor)) ? "open" : "half_open")
                        .orElse("closed");
                if (position.equals("open")) {
                    opened++;
                }
                if (breakerRows.size() < 3 * MAX_SERVICES) {
                    for (String s : List.of("closed", "open", "half_open")) {
                        breakerRows.add(MultiGauge.Row.of(
                                Tags.of("service", entry.getKey(), "state", s), s.equals(position) ? 1 : 0));
                    }
                }
            }
            openBreakers = opened;
            breakerState.register(breakerRows, true);
        } catch (RuntimeException e) {
            openBreakers = Double.NaN;
        }
        try {
            pendingApprovals = runtime.approvals().open().size();
        } catch (RuntimeException e) {
            pendingApprovals = Double.NaN;
        }
    }

    /** Every metric in Prometheus' text format ({@link #CONTENT_TYPE}), state read now. */
    public String scrape() {
        refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        subscription.close();
        gc.close();
        registry.close();
    }
}
