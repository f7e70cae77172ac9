package dev.arf.server.api;

import dev.arf.core.access.Role;
import dev.arf.core.detect.Detection;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.incident.Incident;
import dev.arf.core.incident.IncidentTracker;
import dev.arf.core.store.TelemetryJournal;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Route;
import dev.arf.server.runtime.EventInput;
import dev.arf.server.runtime.IngestService;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Telemetry in (ingest) and what ARF made of it: services, anomalies, decisions, seed 000's exports. */
final class TelemetryEndpoints {
    /** Events one request may carry. */
    static final int MAX_EVENTS = 10_000;

    private static final int MAX_ERRORS = 100;

    private final ApiContext api;

    TelemetryEndpoints(ApiContext api) {
        this.api = api;
    }

    List<Route> routes() {
        return List.of(
                Route.post(
                                "/api/v1/events",
                                Role.OPERATOR,
                                "telemetry",
                                "Send telemetry: one event (a JSON object), a batch (a JSON array) or NDJSON"
                                        + " (application/x-ndjson, one event per line). 202 means stored durably; an"
                                        + " Idempotency-Key makes retries safe.",
                                this::ingest)
                        .json(EventInput.class)
                        .body(Route.Body.EVENTS)
                        .answers(202, "application/json"),
                Route.get(
                        "/api/v1/services",
                        Role.VIEWER,
                        "services",
                        "Every known service and its state",
                        this::services),
                Route.get(
                        "/api/v1/services/{service}",
                        Role.VIEWER,
                        "services",
                        "One service: state, latest observation",
                        this::service),
                Route.get(
                                "/api/v1/services/{service}/events",
                                Role.VIEWER,
                                "services",
                                "A service's recent telemetry, newest first",
                                this::serviceEvents)
                        .param("limit", "integer", "at most this many (1-1000, default 100)"),
                Route.get(
                                "/api/v1/anomalies",
                                Role.VIEWER,
                                "anomalies",
                                "Recent anomalies, newest first",
                                this::anomalies)
                        .param("service", "string", "only this service")
                        .param("limit", "integer", "at most this many (1-1000, default 100)"),
                Route.get(
                                "/api/v1/decisions",
                                Role.VIEWER,
                                "decisions",
                                "Recent action outcomes (executed, failed, refused, skipped), newest first",
                                this::decisions)
                        .param("service", "string", "only actions on this target")
                        .param("limit", "integer", "at most this many (1-1000, default 100)"),
                Route.get(
                                "/metrics/events",
                                Role.VIEWER,
                                "seed-000",
                                "Seed 000's event list: recent events with severity and fingerprint",
                                this::seedEvents)
                        .param("component", "string", "only this service")
                        .param("limit", "integer", "at most this many (1-1000, default 100)"),
                Route.get(
                                "/metrics/export/json",
                                Role.VIEWER,
                                "seed-000",
                                "Seed 000's JSON export of recent events",
                                this::exportJson)
                        .param("component", "string", "only this service")
                        .param("limit", "integer", "at most this many (1-1000, default 100)"),
                Route.get(
                                "/metrics/export/csv",
                                Role.VIEWER,
                                "seed-000",
                                "Seed 000's CSV export of recent events",
                                this::exportCsv)
                        .param("component", "string", "only this service")
                        .param("limit", "integer", "at most this many (1-1000, default 100)")
                        .answers(200, "text/csv"));
    }

    // ---- ingest

    private void ingest(Context ctx, dev.arf.server.http.Caller caller) {
        String key = idempotencyKey(ctx);
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        boolean ndjson = type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl");
        if (!ndjson) {
            dev.arf.server.http.Bodies.requireJson(ctx);
        }
        byte[] body = api.bodies().bytes(ctx);
        List<EventInput> inputs = ndjson ? lines(body) : document(body);
        if (inputs.isEmpty()) {
            throw ApiProblem.badRequest("no events in the request");
        }
        if (inputs.size() > MAX_EVENTS) {
            throw new ApiProblem(
                    413,
                    "too-many-events",
                    "Too many events in one request",
                    inputs.size() + " events; send at most " + MAX_EVENTS + " per request",
                    List.of());
        }
        Instant now = api.runtime().clock().instant();
        List<TelemetryEvent> events = new ArrayList<>(inputs.size());
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            EventInput.Parsed parsed = inputs.get(i).toEvent(now);
            String where = inputs.size() == 1 && !ndjson ? "" : ndjson ? "line " + (i + 1) + ": " : "[" + i + "].";
            for (String p : parsed.problems()) {
                if (errors.size() < MAX_ERRORS) {
                    errors.add(where + p);
                }
            }
            if (parsed.event() != null) {
                events.add(parsed.event());
            }
        }
        if (!errors.isEmpty()) {
            api.runtime().ingest().rejected(inputs.size());
            throw ApiProblem.badRequest("invalid telemetry; nothing was stored", errors);
        }
        IngestService.Outcome outcome;
        try {
            outcome = api.runtime().ingest().ingest(key, events);
        } catch (IngestService.KeyReusedException e) {
            throw new ApiProblem(422, "idempotency-key-reused", "Idempotency key reused", e.getMessage(), List.of());
        }
        TelemetryJournal.Receipt receipt = outcome.receipt();
        if (receipt.replayed()) {
            ctx.header("Idempotency-Replayed", "true");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", receipt.events());
        answer.put("accepted_at", receipt.at());
        if (receipt.key() != null) {
            answer.put("idempotency_key", receipt.key());
        }
        ctx.status(202).json(answer);
    }

    private static String idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            return null;
        }
        if (key.isEmpty()
                || key.length() > TelemetryJournal.MAX_KEY_LENGTH
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiProblem.badRequest("Idempotency-Key: 1 to " + TelemetryJournal.MAX_KEY_LENGTH
                    + " visible ASCII characters (no spaces)");
        }
        return key;
    }

    private List<EventInput> document(byte[] body) {
        int first = 0;
        while (first < body.length && Character.isWhitespace(body[first])) {
            first++;
        }
        if (first == body.length) {
            throw ApiProblem.badRequest("the request needs a JSON body: one event or an array of events");
        }
        if (body[first] == '[') {
            EventInput[] many = api.bodies().bind(body, EventInput[].class, "");
            for (int i = 0; i < many.length; i++) {
                if (many[i] == null) {
                    throw ApiProblem.badRequest(
                            "invalid telemetry; nothing was stored", List.of("[" + i + "]: null is not an event"));
                }
            }
            return List.of(many);
        }
        if (body[first] == '{') {
            return List.of(api.bodies().bind(body, EventInput.class, ""));
        }
        throw ApiProblem.badRequest("the body must be one event (a JSON object) or a batch (a JSON array)");
    }

    private List<EventInput> lines(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<EventInput> inputs = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            if (inputs.size() >= MAX_EVENTS) {
                inputs.add(null);
                break;
            }
            inputs.add(api.bodies()
                    .bind(lines[i].getBytes(StandardCharsets.UTF_8), EventInput.class, "line " + (i + 1) + ": "));
        }
        return inputs;
    }

    // ---- services

    /** Services ARF knows: those that sent telemetry, those with blueprints or incidents, the demo fleet's. */
    private List<String> knownServices() {
        TreeSet<String> names = new TreeSet<>(api.runtime().ingest().services());
        names.addAll(api.runtime().blueprints().current().services().keySet());
        api.runtime().engine().openIncidents().forEach(i -> names.add(i.service()));
        api.runtime().store().incidents(false, 1_000).forEach(i -> names.add(i.service()));
        return List.copyOf(names);
    }

    record ServiceView(
            String service,
            String state,
            boolean governed,
            String openIncident,
            Instant lastSeen,
            Map<String, Object> latest) {}

    private ServiceView view(String service, Map<String, Incident> open) {
        Optional<TelemetryEvent> latest = api.runtime().engine().latest(service);
        Incident incident = open.get(service);
        String state = incident != null ? "incident" : latest.isPresent() ? "healthy" : "unknown";
        return new ServiceView(
                service,
                state,
                api.runtime().blueprints().current().services().containsKey(service),
                incident == null ? null : incident.id(),
                latest.map(TelemetryEvent::timestamp).orElse(null),
                latest.map(Views::metrics).orElse(null));
    }

    private Map<String, Incident> openByService() {
        Map<String, Incident> open = new HashMap<>();
        api.runtime().engine().openIncidents().forEach(i -> open.put(i.service(), i));
        return open;
    }

    private void services(Context ctx, dev.arf.server.http.Caller caller) {
        Map<String, Incident> open = openByService();
        ctx.json(Views.Page.of(knownServices().stream().map(s -> view(s, open)).toList()));
    }

    private void service(Context ctx, dev.arf.server.http.Caller caller) {
        String service = ctx.pathParam("service");
        if (!knownServices().contains(service)) {
            throw ApiProblem.notFound(
                    "no service '" + Params.clip(service) + "' has sent telemetry or has a blueprint");
        }
        ctx.json(view(service, openByService()));
    }

    private void serviceEvents(Context ctx, dev.arf.server.http.Caller caller) {
        String service = ctx.pathParam("service");
        int limit = Params.limit(ctx);
        ctx.json(Views.Page.of(api.runtime().store().recentEvents(service, limit).stream()
                .map(Views::event)
                .toList()));
    }

    private List<String> selected(Context ctx, String param) {
        String only = ctx.queryParam(param);
        return only == null || only.isEmpty() ? knownServices() : List.of(only);
    }

    private void anomalies(Context ctx, dev.arf.server.http.Caller caller) {
        int limit = Params.limit(ctx);
        List<Detection> all = new ArrayList<>();
        for (String s : selected(ctx, "service")) {
            all.addAll(api.runtime().store().anomalies(s, limit));
        }
        all.sort(Comparator.comparing(Detection::timestamp).reversed());
        ctx.json(Views.Page.of(all.stream().limit(limit).map(Views::anomaly).toList()));
    }

    private void decisions(Context ctx, dev.arf.server.http.Caller caller) {
        int limit = Params.limit(ctx);
        List<ActionOutcome> all = new ArrayList<>();
        for (String s : selected(ctx, "service")) {
            all.addAll(api.runtime().store().decisions(s, limit));
        }
        all.sort(Comparator.comparing(ActionOutcome::at).reversed());
        ctx.json(Views.Page.of(all.stream().limit(limit).map(Views::decision).toList()));
    }

    // ---- seed 000's metrics export

    /** One row of seed 000's exports: an event with the severity ARF gave it. */
    private record Row(TelemetryEvent event, String severity, String status) {}

    private List<Row> rows(Context ctx) {
        int limit = Params.limit(ctx);
        List<Row> rows = new ArrayList<>();
        for (String s : selected(ctx, "component")) {
            Map<Instant, String> severities = new HashMap<>();
            api.runtime()
                    .store()
                    .anomalies(s, limit)
                    .forEach(d -> severities.put(d.timestamp(), d.severity().key()));
            for (TelemetryEvent e : api.runtime().store().recentEvents(s, limit)) {
                String severity = severities.get(e.timestamp());
                rows.add(new Row(e, severity == null ? "low" : severity, severity == null ? "normal" : "anomaly"));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.event().timestamp()).reversed());
        return rows.stream().limit(limit).toList();
    }

    private static Double metric(TelemetryEvent e, Metric m) {
        return e.has(m) ? e.value(m) : null;
    }

    private void seedEvents(Context ctx, dev.arf.server.http.Caller caller) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows(ctx)) {
            TelemetryEvent e = r.event();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", e.timestamp());
            m.put("component", e.service());
            m.put("latency_p99", metric(e, Metric.LATENCY_P99));
            m.put("error_rate", metric(e, Metric.ERROR_RATE));
            m.put("throughput", metric(e, Metric.THROUGHPUT));
            m.put("cpu_util", metric(e, Metric.CPU_UTIL));
            m.put("memory_util", metric(e, Metric.MEMORY_UTIL));
            m.put("severity", r.severity());
            m.put("status", r.status());
            m.put("fingerprint", IncidentTracker.fingerprint(e.service()));
            out.add(m);
        }
        ctx.json(out);
    }

    private void exportJson(Context ctx, dev.arf.server.http.Caller caller) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (Row r : rows(ctx)) {
            TelemetryEvent e = r.event();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", e.timestamp());
            m.put("component", e.service());
            m.put("metrics", Views.metrics(e));
            m.put("severity", r.severity());
            m.put("status", r.status());
            m.put("fingerprint", IncidentTracker.fingerprint(e.service()));
            events.add(m);
        }
        Map<String, Object> query = new LinkedHashMap<>();
        if (ctx.queryParam("component") != null) {
            query.put("component", ctx.queryParam("component"));
        }
        query.put("limit", Params.limit(ctx));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("export_timestamp", api.runtime().clock().instant());
        doc.put("total_events", events.size());
        doc.put("query", query);
        doc.put("events", events);
        ctx.json(doc);
    }

    private void exportCsv(Context ctx, dev.arf.server.http.Caller caller) {
        StringBuilder csv = new StringBuilder(
                "timestamp,component,latency_p99,error_rate,throughput,cpu_util,memory_util,severity\r\n");
        for (Row r : rows(ctx)) {
            TelemetryEvent e = r.event();
            csv.append(e.timestamp())
                    .append(',')
                    .append(csvField(e.service()))
                    .append(',')
                    .append(csvNumber(e, Metric.LATENCY_P99))
                    .append(',')
                    .append(csvNumber(e, Metric.ERROR_RATE))
                    .append(',')
                    .append(csvNumber(e, Metric.THROUGHPUT))
                    .append(',')
                    .append(csvNumber(e, Metric.CPU_UTIL))
                    .append(',')
                    .append(csvNumber(e, Metric.MEMORY_UTIL))
                    .append(',')
                    .append(r.severity())
                    .append("\r\n");
        }
        ctx.header("Content-Disposition", "attachment; filename=arf_metrics.csv");
        ctx.contentType("text/csv; charset=utf-8").result(csv.toString());
    }

    private static String csvNumber(TelemetryEvent e, Metric m) {
        return e.has(m) ? Double.toString(e.value(m)) : "";
    }

    /** RFC 4180 quoting; a leading formula character is neutralised for spreadsheets. */
    static String csvField(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
