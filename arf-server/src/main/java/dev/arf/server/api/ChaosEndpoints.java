package dev.arf.server.api;

import dev.arf.config.ConfigException;
import dev.arf.core.access.Role;
import dev.arf.core.governance.KillSwitch;
import dev.arf.lab.chaos.BuiltInExperiments;
import dev.arf.lab.chaos.ChaosBlueprints;
import dev.arf.lab.chaos.ChaosExperiment;
import dev.arf.lab.chaos.ChaosJson;
import dev.arf.lab.chaos.ChaosRunner;
import dev.arf.lab.chaos.ExperimentResult;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Seed 004's chaos endpoint. An experiment runs on a sandboxed simulated fleet on virtual time, with its own engine,
 * built-in policies and the Guardian under the simulated fleet's blueprints: it never touches the fleet or store
 * this server watches, and answers in about a second with the same result {@code arf chaos run --json} prints.
 */
final class ChaosEndpoints {
    private static final String PATH = "/api/v1/sre/chaos/experiments";

    private final ApiContext api;
    /** One experiment at a time: each takes a core for about a second. */
    private final Semaphore running = new Semaphore(1);

    ChaosEndpoints(ApiContext api) {
        this.api = api;
    }

    List<Route> routes() {
        return List.of(
                Route.get(PATH, Role.VIEWER, "chaos", "The built-in chaos experiments", this::list),
                Route.post(
                                PATH,
                                Role.OPERATOR,
                                "chaos",
                                "Run a chaos experiment (YAML body, or ?name= a built-in one) on a sandboxed simulated"
                                        + " fleet and answer its timeline, MTTD, MTTR, actions and outcome",
                                this::run)
                        .body(Route.Body.YAML)
                        .param("name", "string", "a built-in experiment instead of a body")
                        .param("seed", "integer", "simulation seed (default 42)"));
    }

    private void list(Context ctx, Caller caller) {
        List<Map<String, Object>> items = BuiltInExperiments.all().stream()
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", e.name());
                    m.put("kind", e.kind().key());
                    m.put("blast_radius", e.blastRadius().scope());
                    m.put("duration_seconds", e.duration().toSeconds());
                    m.put("description", e.description());
                    return m;
                })
                .toList();
        ctx.json(Map.of("items", items));
    }

    private void run(Context ctx, Caller caller) {
        long seed = ctx.queryParam("seed") == null ? 42 : Params.number(ctx, "seed", 42, 0, Long.MAX_VALUE);
        ChaosExperiment experiment = experiment(ctx);
        if (!running.tryAcquire()) {
            throw ApiProblem.unavailable("a chaos experiment is already running; try again in a few seconds");
        }
        ExperimentResult result;
        try {
            result = new ChaosRunner(ChaosBlueprints.builtIn(), KillSwitch.NEVER).run(experiment, seed);
        } finally {
            running.release();
        }
        Map<String, Object> answer = new LinkedHashMap<>(ChaosJson.tree(result));
        answer.put("run_by", caller.name());
        ctx.json(answer);
    }

    private ChaosExperiment experiment(Context ctx) {
        String name = ctx.queryParam("name");
        if (name != null) {
            return BuiltInExperiments.byName(name)
                    .orElseThrow(() -> ApiProblem.notFound(
                            "no built-in experiment " + Params.clip(name) + "; GET " + PATH + " lists them"));
        }
        String yaml = api.bodies().text(ctx);
        if (yaml.isBlank()) {
            throw ApiProblem.badRequest("send an experiment as YAML in the body, or name a built-in one with ?name=");
        }
        try {
            return new dev.arf.lab.chaos.ExperimentLoader().load(yaml, "body");
        } catch (ConfigException e) {
            throw new ApiProblem(
                    400,
                    "invalid-experiment",
                    "The chaos experiment is not valid",
                    "nothing was run; every problem is listed as line:column: field: message",
                    e.problems().stream()
                            .map(p -> p.line() + ":" + p.column() + ": " + p.field() + ": " + p.message())
                            .toList());
        }
    }
}
