package dev.arf.server.api;

import dev.arf.config.ConfigException;
import dev.arf.core.access.Role;
import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.core.blueprint.BlueprintVersion;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Blueprints: the ones in the store, one (latest or a version), its history, and a new version by PUT. */
final class BlueprintEndpoints {
    private final ApiContext api;

    BlueprintEndpoints(ApiContext api) {
        this.api = api;
    }

    List<Route> routes() {
        return List.of(
                Route.get(
                        "/api/v1/blueprints",
                        Role.VIEWER,
                        "blueprints",
                        "Every blueprint's latest version (without its text)",
                        this::list),
                Route.get(
                                "/api/v1/blueprints/{name}",
                                Role.VIEWER,
                                "blueprints",
                                "A blueprint's latest version (or ?version=N) with its YAML",
                                this::get)
                        .param("version", "integer", "this version instead of the latest"),
                Route.get(
                        "/api/v1/blueprints/{name}/history",
                        Role.VIEWER,
                        "blueprints",
                        "Every version of a blueprint, newest first",
                        this::history),
                Route.put(
                                "/api/v1/blueprints/{name}",
                                Role.ADMIN,
                                "blueprints",
                                "Validate YAML (seed 002 format) and record it as the blueprint's next version, in force at once; problems as line:column",
                                this::put)
                        .body(Route.Body.YAML)
                        .param("note", "string", "why, kept with the version"));
    }

    private BlueprintHistory history() {
        return api.runtime().blueprints().history();
    }

    private void list(Context ctx, Caller caller) {
        List<Views.BlueprintVersionView> latest = new ArrayList<>();
        for (String name : history().names()) {
            history().latest(name).ifPresent(v -> latest.add(Views.blueprint(v, false)));
        }
        ctx.json(Views.Page.of(latest));
    }

    private void get(Context ctx, Caller caller) {
        String name = ctx.pathParam("name");
        String version = ctx.queryParam("version");
        BlueprintVersion v = (version == null
                        ? history().latest(name)
                        : history().version(name, (int) Params.number(ctx, "version", 1, 1, Integer.MAX_VALUE)))
                .orElseThrow(() -> ApiProblem.notFound("no blueprint " + Params.clip(name)
                        + (version == null ? "" : " version " + Params.clip(version))));
        ctx.json(Views.blueprint(v, true));
    }

    private void history(Context ctx, Caller caller) {
        String name = ctx.pathParam("name");
        List<BlueprintVersion> versions = history().versions(name);
        if (versions.isEmpty()) {
            throw ApiProblem.notFound("no blueprint " + Params.clip(name));
        }
        ctx.json(Views.Page.of(
                versions.stream().map(v -> Views.blueprint(v, false)).toList()));
    }

    private void put(Context ctx, Caller caller) {
        String name = ctx.pathParam("name");
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!(type.startsWith("application/yaml")
                || type.startsWith("application/x-yaml")
                || type.startsWith("text/yaml")
                || type.startsWith("text/plain"))) {
            throw ApiProblem.unsupportedMediaType("send the blueprint as application/yaml (got "
                    + (type.isEmpty() ? "no content type" : Params.clip(type)) + ")");
        }
        String yaml = api.bodies().text(ctx);
        String note = ctx.queryParam("note") == null ? "" : ctx.queryParam("note");
        int before = history().latest(name).map(BlueprintVersion::version).orElse(0);
        BlueprintVersion v;
        try {
            v = api.runtime().blueprints().apply(name, yaml, "api:" + caller.name(), note);
        } catch (ConfigException e) {
            throw new ApiProblem(
                    400,
                    "invalid-blueprint",
                    "The blueprint is not valid",
                    "nothing was recorded; every problem is listed as line:column: field: message",
                    e.problems().stream()
                            .map(p -> p.line() + ":" + p.column() + ": " + p.field() + ": " + p.message())
                            .toList());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("changed", v.version() != before);
        answer.put("blueprint", Views.blueprint(v, false));
        ctx.json(answer);
    }
}
