package dev.arf.server.api;

import dev.arf.core.access.Role;
import dev.arf.core.sim.Scenario;
import dev.arf.core.sim.ScenarioCatalog;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import dev.arf.server.runtime.DemoFleet;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Seed 003's demo endpoints, only with {@code arf serve --demo}: the scenarios, and starting one's faults. */
final class DemoEndpoints {
    private final ApiContext api;
    private final DemoFleet fleet;

    DemoEndpoints(ApiContext api, DemoFleet fleet) {
        this.api = api;
        this.fleet = fleet;
    }

    List<Route> routes() {
        return List.of(
                Route.get(
                        "/api/demo/scenarios",
                        Role.VIEWER,
                        "demo",
                        "The scenarios the demo fleet can play, and the faults active now",
                        this::list),
                Route.post(
                                "/api/demo/scenarios/{name}",
                                Role.OPERATOR,
                                "demo",
                                "Start a scenario's faults on the live demo fleet",
                                this::start)
                        .answers(202, "application/json"));
    }

    private void list(Context ctx, Caller caller) {
        List<Map<String, Object>> scenarios = ScenarioCatalog.all().stream()
                .map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", s.name());
                    m.put("title", s.title());
                    m.put("description", s.description());
                    return m;
                })
                .toList();
        ctx.json(Map.of(
                "items",
                scenarios,
                "active_faults",
                fleet.activeFaults().stream().map(Object::toString).toList()));
    }

    private void start(Context ctx, Caller caller) {
        String name = ctx.pathParam("name");
        Scenario scenario = ScenarioCatalog.byName(name)
                .orElseThrow(() -> ApiProblem.notFound(
                        "no scenario " + Params.clip(name) + "; GET /api/demo/scenarios lists them"));
        fleet.start(scenario, api.runtime().scheduler());
        ctx.status(202).json(Map.of("scenario", scenario.name(), "started_by", caller.name()));
    }
}
