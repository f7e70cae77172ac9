package dev.arf.server.api;

import dev.arf.core.access.Role;
import dev.arf.core.approval.ApprovalRequest;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import io.javalin.http.Context;
import java.util.List;

/** Approval requests: list, one, approve, deny — decided under the token's name, on the audit trail first. */
final class ApprovalEndpoints {
    private final ApiContext api;

    ApprovalEndpoints(ApiContext api) {
        this.api = api;
    }

    List<Route> routes() {
        return List.of(
                Route.get(
                                "/api/v1/approvals",
                                Role.VIEWER,
                                "approvals",
                                "Open approval requests (pending, or approved and unused); all=true for every one",
                                this::list)
                        .param("all", "boolean", "include decided, used and expired requests")
                        .param("limit", "integer", "at most this many (1-1000, default 100)"),
                Route.get("/api/v1/approvals/{id}", Role.VIEWER, "approvals", "One approval request", this::get),
                Route.post(
                                "/api/v1/approvals/{id}/approve",
                                Role.APPROVER,
                                "approvals",
                                "Approve: the action runs once, when its other gates still allow it; the token's name is the approver",
                                this::approve)
                        .json(IncidentEndpoints.Note.class),
                Route.post(
                                "/api/v1/approvals/{id}/deny",
                                Role.APPROVER,
                                "approvals",
                                "Deny a request; the token's name is recorded",
                                this::deny)
                        .json(IncidentEndpoints.Note.class));
    }

    private void list(Context ctx, Caller caller) {
        boolean all = Params.flag(ctx, "all");
        int limit = Params.limit(ctx);
        api.runtime().approvals().expireDue();
        ctx.json(Views.Page.of(api.runtime().store().approvals(!all, limit).stream()
                .map(Views::approval)
                .toList()));
    }

    private ApprovalRequest find(String id) {
        return api.runtime()
                .store()
                .approval(id)
                .orElseThrow(() -> ApiProblem.notFound("no approval request " + Params.clip(id)));
    }

    private void get(Context ctx, Caller caller) {
        ctx.json(Views.approval(find(ctx.pathParam("id"))));
    }

    private void approve(Context ctx, Caller caller) {
        decide(ctx, caller, true);
    }

    private void deny(Context ctx, Caller caller) {
        decide(ctx, caller, false);
    }

    private void decide(Context ctx, Caller caller, boolean approve) {
        IncidentEndpoints.Note note =
                api.bodies().jsonOr(ctx, IncidentEndpoints.Note.class, IncidentEndpoints.Note.NONE);
        String id = ctx.pathParam("id");
        find(id);
        try {
            ApprovalRequest decided = approve
                    ? api.runtime().approvals().approve(id, caller.name(), note.text())
                    : api.runtime().approvals().deny(id, caller.name(), note.text());
            ctx.json(Views.approval(decided));
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(
                    id + " cannot be " + (approve ? "approved" : "denied") + " now: " + e.getMessage());
        }
    }
}
