package dev.arf.server.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem details: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}. */
public final class Problems {
    /** Problem types are documented in arf-server/README.md under this base. */
    public static final String TYPE_BASE = "https://arf.dev/problems/";

    public static final String CONTENT_TYPE = "application/problem+json";

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public void write(Context ctx, ApiProblem problem) {
        problem.headers().forEach(ctx::header);
        write(ctx, problem.status(), problem.type(), problem.title(), problem.detail(), problem.errors());
    }

    public void write(Context ctx, int status, String type, String title, String detail, List<String> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail == null ? title : detail);
        body.put("instance", ctx.path());
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        ctx.status(status).contentType(CONTENT_TYPE).result(json.writeValueAsString(body));
    }
}
