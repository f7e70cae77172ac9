package dev.arf.server.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem a handler answers with: thrown, turned into {@code application/problem+json}
 * by the server. {@code errors} lists every problem with the request when there are several (field
 * paths, {@code line:column} positions).
 */
public final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final transient List<String> errors;
    private final transient Map<String, String> headers;

    public ApiProblem(int status, String type, String title, String detail, List<String> errors) {
        this(status, type, title, detail, errors, Map.of());
    }

    public ApiProblem(
            int status, String type, String title, String detail, List<String> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public static ApiProblem badRequest(String detail, List<String> errors) {
        return new ApiProblem(400, "bad-request", "The request is not valid", detail, errors);
    }

    public static ApiProblem badRequest(String detail) {
        return badRequest(detail, List.of());
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not-found", "No such resource", detail, List.of());
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "conflict", "The resource is not in a state that allows this", detail, List.of());
    }

    public static ApiProblem tooLarge(long limit) {
        return new ApiProblem(
                413,
                "content-too-large",
                "The request body is too large",
                "the body must not exceed " + limit + " bytes",
                List.of());
    }

    public static ApiProblem unsupportedMediaType(String detail) {
        return new ApiProblem(415, "unsupported-media-type", "Unsupported content type", detail, List.of());
    }

    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(503, "unavailable", "The service is not available", detail, List.of());
    }

    public int status() {
        return status;
    }

    /** The problem type's last path segment; the full URI is {@code Problems.TYPE_BASE + type}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<String> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
