package dev.arf.server.http;

import dev.arf.core.access.ApiToken;
import dev.arf.core.access.ApiTokens;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a request's {@code Authorization: Bearer} token against the route's role: 401 without a
 * valid token (with {@code WWW-Authenticate}), 403 with a token whose role is below the route's.
 * The token itself never appears in an answer or a log.
 */
public final class Authenticator {
    private final ApiTokens tokens;

    public Authenticator(ApiTokens tokens) {
        this.tokens = tokens;
    }

    public Caller check(Context ctx, Route route) {
        if (route.isPublic()) {
            return Caller.ANONYMOUS;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthorized("this endpoint needs an API token: Authorization: Bearer <token>", null);
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("the Authorization header must use the Bearer scheme", "invalid_request");
        }
        Optional<ApiToken> token = tokens.authenticate(header.substring(7).trim());
        if (token.isEmpty()) {
            throw unauthorized("the token is not valid (unknown, malformed or revoked)", "invalid_token");
        }
        ApiToken t = token.get();
        if (!t.role().includes(route.role())) {
            throw new ApiProblem(
                    403,
                    "forbidden",
                    "The token's role does not allow this",
                    route.method() + " " + route.path() + " needs the "
                            + route.role().key() + " role; this token (" + t.id() + ") has "
                            + t.role().key(),
                    List.of());
        }
        return new Caller(t.id(), t.name(), t.role());
    }

    private static ApiProblem unauthorized(String detail, String error) {
        String challenge = error == null ? "Bearer realm=\"arf\"" : "Bearer realm=\"arf\", error=\"" + error + "\"";
        return new ApiProblem(
                401,
                "unauthorized",
                "Authentication required",
                detail,
                List.of(),
                Map.of("WWW-Authenticate", challenge));
    }
}
