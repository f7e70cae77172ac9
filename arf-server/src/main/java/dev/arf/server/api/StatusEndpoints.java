package dev.arf.server.api;

import dev.arf.core.access.Role;
import dev.arf.core.agent.AgentDecision;
import dev.arf.core.agent.AgentStatus;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Liveness, readiness and seed 003's agent status. */
final class StatusEndpoints {
    private final ApiContext api;

    StatusEndpoints(ApiContext api) {
        this.api = api;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/health", null, "service", "Liveness (seed 000's shape): the process answers", this::health),
                Route.get(
                        "/ready",
                        null,
                        "service",
                        "Readiness: the store answers and the engine runs; 503 otherwise",
                        this::ready),
                Route.get(
                        "/api/agent/status",
                        Role.VIEWER,
                        "agent",
                        "Seed 003's agent status: state, iterations, heartbeat, recent decisions",
                        this::agent));
    }

    private void health(Context ctx, Caller caller) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "healthy");
        out.put("version", api.version());
        out.put("engine_status", api.runtime().running() ? "running" : "stopped");
        out.put("total_events", api.runtime().ingest().accepted());
        ctx.json(out);
    }

    private void ready(Context ctx, Caller caller) {
        String store;
        try {
            api.runtime().store().setting("kill_switch");
            store = "up";
        } catch (RuntimeException e) {
            store = "down";
        }
        boolean engine = api.runtime().running();
        if (!store.equals("up") || !engine) {
            throw ApiProblem.unavailable("not ready: store " + store + ", engine " + (engine ? "running" : "stopped"));
        }
        ctx.json(Map.of("status", "ready", "checks", Map.of("store", store, "engine", "running")));
    }

    private void agent(Context ctx, Caller caller) {
        AgentStatus s = api.runtime().agent().status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent_id", s.agentId());
        out.put("state", s.state().key());
        out.put("iterations", s.iterations());
        s.lastHeartbeat().ifPresent(h -> out.put("last_heartbeat", h));
        s.blockedReason().ifPresent(r -> out.put("blocked_reason", r));
        out.put(
                "governed_services",
                api.runtime().blueprints().current().services().size());
        out.put(
                "recent_decisions",
                s.recentDecisions().stream().map(StatusEndpoints::decision).toList());
        out.put("awaiting_verification", s.awaitingVerification());
        ctx.json(out);
    }

    private static Map<String, Object> decision(AgentDecision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", d.iteration());
        m.put("at", d.at());
        m.put("service", d.decision().service());
        m.put("verdict", d.decision().verdict().name().toLowerCase(java.util.Locale.ROOT));
        m.put("from", d.decision().from());
        m.put("to", d.decision().to());
        m.put("rationale", d.decision().rationale());
        m.put("outcome", d.outcome());
        return m;
    }
}
