package dev.arf.server.api;

import dev.arf.core.access.ApiToken;
import dev.arf.core.access.IssuedToken;
import dev.arf.core.access.Role;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** API tokens (admin): list, create (the secret is in the answer once), revoke. */
final class TokenEndpoints {
    private final ApiContext api;

    TokenEndpoints(ApiContext api) {
        this.api = api;
    }

    /** A token to create. */
    record NewToken(String name, String role) {}

    List<Route> routes() {
        return List.of(
                Route.get(
                        "/api/v1/tokens",
                        Role.ADMIN,
                        "tokens",
                        "Every API token (never a secret), revoked ones included",
                        this::list),
                Route.post(
                                "/api/v1/tokens",
                                Role.ADMIN,
                                "tokens",
                                "Create a token; its secret is in this answer and nowhere else",
                                this::create)
                        .json(NewToken.class)
                        .answers(201, "application/json"),
                Route.delete(
                        "/api/v1/tokens/{id}",
                        Role.ADMIN,
                        "tokens",
                        "Revoke a token; its holder is refused from then on",
                        this::revoke));
    }

    private void list(Context ctx, Caller caller) {
        ctx.json(Views.Page.of(api.tokens().list().stream().map(Views::token).toList()));
    }

    private void create(Context ctx, Caller caller) {
        NewToken request = api.bodies().json(ctx, NewToken.class);
        Role role = Role.byKey(request.role())
                .orElseThrow(() -> ApiProblem.badRequest(
                        "role: one of viewer, operator, approver, admin",
                        List.of("role: got '" + Params.clip(String.valueOf(request.role())) + "'")));
        IssuedToken issued;
        try {
            issued = api.tokens().create(request.name(), role, caller.actor());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage(), List.of("name: " + e.getMessage()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", Views.token(issued.token()));
        answer.put("secret", issued.secret());
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(answer);
    }

    private void revoke(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        ApiToken revoked = api.tokens()
                .revoke(id, caller.actor())
                .orElseThrow(() -> ApiProblem.notFound("no token " + Params.clip(id)));
        ctx.json(Views.token(revoked));
    }
}
