package dev.arf.server.observability;

import dev.arf.core.access.Role;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.incident.Incident;
import dev.arf.core.incident.IncidentTracker;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Bodies;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/alertmanager}: Alertmanager's webhook receiver. Each firing alert opens an
 * incident on the service its labels name, once per fingerprint (Alertmanager re-sends firing
 * alerts; the same one again changes nothing); a resolved alert resolves the incident it opened.
 * Operator role: Alertmanager sends the token with {@code http_config.authorization}.
 */
public final class AlertmanagerEndpoints {
    private final ReliabilityEngine engine;
    private final Bodies bodies;
    private final JsonMapper json;

    public AlertmanagerEndpoints(ReliabilityEngine engine, Bodies bodies, JsonMapper json) {
        this.engine = engine;
        this.bodies = bodies;
        this.json = json;
    }

    public List<Route> routes() {
        return List.of(Route.post(
                        "/api/v1/alertmanager",
                        Role.OPERATOR,
                        "alertmanager",
                        "Alertmanager's webhook (version 4): a firing alert opens an incident on the service named"
                                + " by its service, job or instance label, once per fingerprint; a resolved alert"
                                + " resolves it",
                        this::receive)
                .body(Route.Body.JSON));
    }

    private void receive(Context ctx, Caller caller) {
        Bodies.requireJson(ctx);
        byte[] body = bodies.bytes(ctx);
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("malformed JSON: " + Bodies.describe(e));
        }
        AlertmanagerPayload payload;
        try {
            payload = AlertmanagerPayload.read(root);
        } catch (AlertmanagerPayload.Invalid e) {
            throw ApiProblem.badRequest("not a usable Alertmanager webhook payload; nothing was done", e.problems());
        }
        ctx.json(apply(payload, "alertmanager:" + caller.name()));
    }

    /** Applies every alert; what happened to each, by incident id. */
    Map<String, Object> apply(AlertmanagerPayload payload, String actor) {
        List<String> opened = new ArrayList<>();
        List<String> alreadyOpen = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        int ignored = 0;
        for (AlertmanagerPayload.Alert alert : payload.alerts()) {
            if (alert.firing()) {
                IncidentTracker.Update update = engine.raise(
                        new ReliabilityEngine.RaisedAlert(
                                alert.incidentKey(),
                                alert.service(),
                                alert.service() + ": " + alert.name(),
                                alert.severity(),
                                alert.startsAt(),
                                alert.summary()
                                        + (alert.generatorUrl().isEmpty() ? "" : " (" + alert.generatorUrl() + ")")),
                        actor);
                Incident incident = update.incident().orElseThrow();
                if (update.opened()) {
                    opened.add(incident.id());
                } else if (incident.state().isOpen()) {
                    alreadyOpen.add(incident.id());
                } else {
                    ignored++;
                }
            } else {
                var cleared = engine.clear(alert.incidentKey(), actor, "alert " + alert.name() + " resolved");
                if (cleared.isPresent()) {
                    resolved.add(cleared.get().id());
                } else {
                    ignored++;
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", payload.alerts().size());
        answer.put("opened", opened);
        answer.put("already_open", alreadyOpen);
        answer.put("resolved", resolved);
        answer.put("ignored", ignored);
        return answer;
    }
}
