package dev.arf.server.api;

import dev.arf.core.access.Role;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.incident.IllegalIncidentTransitionException;
import dev.arf.core.incident.Incident;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Incidents: list, one with its timeline, acknowledge, resolve (a person's acts are audited first). */
final class IncidentEndpoints {
    private final ApiContext api;

    IncidentEndpoints(ApiContext api) {
        this.api = api;
    }

    /** An optional note on an incident or approval decision. */
    record Note(String note) {
        static final Note NONE = new Note("");

        String text() {
            return note == null ? "" : note;
        }
    }

    List<Route> routes() {
        return List.of(
                Route.get(
                                "/api/v1/incidents",
                                Role.VIEWER,
                                "incidents",
                                "Incidents, newest first (open ones by default)",
                                this::list)
                        .param("state", "string", "open (default) or all")
                        .param("limit", "integer", "at most this many (1-1000, default 100)"),
                Route.get(
                        "/api/v1/incidents/{id}",
                        Role.VIEWER,
                        "incidents",
                        "One incident with its timeline",
                        this::get),
                Route.post(
                                "/api/v1/incidents/{id}/acknowledge",
                                Role.OPERATOR,
                                "incidents",
                                "Acknowledge an open incident (the token's name is recorded)",
                                this::acknowledge)
                        .json(Note.class),
                Route.post(
                                "/api/v1/incidents/{id}/resolve",
                                Role.OPERATOR,
                                "incidents",
                                "Resolve an open incident now (the token's name is recorded)",
                                this::resolve)
                        .json(Note.class));
    }

    private void list(Context ctx, Caller caller) {
        String state = ctx.queryParam("state");
        boolean openOnly;
        if (state == null || state.isEmpty() || state.equals("open")) {
            openOnly = true;
        } else if (state.equals("all")) {
            openOnly = false;
        } else {
            throw ApiProblem.badRequest("state: open or all, got '" + Params.clip(state) + "'");
        }
        int limit = Params.limit(ctx);
        List<Incident> incidents = openOnly
                ? new ArrayList<>(api.runtime().engine().openIncidents())
                : api.runtime().store().incidents(false, limit);
        if (openOnly) {
            incidents.sort(java.util.Comparator.comparing(Incident::detectedAt).reversed());
        }
        ctx.json(Views.Page.of(incidents.stream()
                .limit(limit)
                .map(i -> Views.incident(i, false))
                .toList()));
    }

    private Incident find(Context ctx) {
        String id = ctx.pathParam("id");
        return api.runtime()
                .engine()
                .incident(id)
                .orElseThrow(() -> ApiProblem.notFound("no incident " + Params.clip(id)));
    }

    private void get(Context ctx, Caller caller) {
        ctx.json(Views.incident(find(ctx), true));
    }

    private void acknowledge(Context ctx, Caller caller) {
        Note note = api.bodies().jsonOr(ctx, Note.class, Note.NONE);
        Incident incident = find(ctx);
        requireOpen(incident);
        audit("INCIDENT_ACKNOWLEDGED", incident, caller, note);
        try {
            ctx.json(Views.incident(api.runtime().engine().acknowledge(incident.id(), caller.name()), true));
        } catch (IllegalIncidentTransitionException | IllegalArgumentException e) {
            throw ApiProblem.conflict(incident.id() + " cannot be acknowledged now: " + e.getMessage());
        }
    }

    private void resolve(Context ctx, Caller caller) {
        Note note = api.bodies().jsonOr(ctx, Note.class, Note.NONE);
        Incident incident = find(ctx);
        requireOpen(incident);
        audit("INCIDENT_RESOLVED", incident, caller, note);
        try {
            ctx.json(Views.incident(api.runtime().engine().resolve(incident.id(), caller.name()), true));
        } catch (IllegalIncidentTransitionException | IllegalArgumentException e) {
            throw ApiProblem.conflict(incident.id() + " cannot be resolved now: " + e.getMessage());
        }
    }

    private static void requireOpen(Incident incident) {
        if (!incident.state().isOpen()) {
            throw ApiProblem.conflict(incident.id() + " is resolved already");
        }
    }

    private void audit(String event, Incident incident, Caller caller, Note note) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("incident", incident.id());
        details.put("token", caller.tokenId());
        if (!note.text().isEmpty()) {
            details.put("note", note.text());
        }
        api.runtime()
                .audit()
                .append(new AuditEntry(
                        api.runtime().clock().instant(), event, incident.service(), caller.actor(), details));
    }
}
