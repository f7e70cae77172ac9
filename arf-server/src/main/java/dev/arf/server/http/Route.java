package dev.arf.server.http;

import dev.arf.core.access.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One endpoint as the route table declares it: method, path, the role it needs (null: public), what
 * it is for, what it takes and answers. The server installs, authorises and documents every endpoint
 * from these values alone, so the OpenAPI document and the RBAC test cannot drift from the code.
 *
 * @param path Javalin syntax: {@code /api/v1/incidents/{id}}
 * @param role the least role that may call it; null for a public endpoint
 * @param tag the group it is listed under in the OpenAPI document
 * @param body what the request body is
 * @param requestType the record a JSON body binds to (documented as its schema), or null
 * @param status the status of a successful answer
 * @param produces the media type of a successful answer
 */
public record Route(
        Method method,
        String path,
        Role role,
        String tag,
        String summary,
        Body body,
        Class<?> requestType,
        List<Param> query,
        int status,
        String produces,
        ApiHandler handler) {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");

    public enum Method {
        GET,
        POST,
        PUT,
        DELETE
    }

    /** What a request body is. */
    public enum Body {
        NONE,
        /** A JSON document (application/json). */
        JSON,
        /** One JSON event, a JSON array of events, or NDJSON (application/x-ndjson). */
        EVENTS,
        /** A YAML document (application/yaml or text/plain). */
        YAML
    }

    /** A query parameter. */
    public record Param(String name, String type, String description) {}

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(body, "body");
        query = List.copyOf(query);
        Objects.requireNonNull(produces, "produces");
        Objects.requireNonNull(handler, "handler");
    }

    public static Route get(String path, Role role, String tag, String summary, ApiHandler handler) {
        return new Route(
                Method.GET, path, role, tag, summary, Body.NONE, null, List.of(), 200, "application/json", handler);
    }

    public static Route post(String path, Role role, String tag, String summary, ApiHandler handler) {
        return new Route(
                Method.POST, path, role, tag, summary, Body.NONE, null, List.of(), 200, "application/json", handler);
    }

    public static Route put(String path, Role role, String tag, String summary, ApiHandler handler) {
        return new Route(
                Method.PUT, path, role, tag, summary, Body.NONE, null, List.of(), 200, "application/json", handler);
    }

    public static Route delete(String path, Role role, String tag, String summary, ApiHandler handler) {
        return new Route(
                Method.DELETE, path, role, tag, summary, Body.NONE, null, List.of(), 200, "application/json", handler);
    }

    /** This route taking a JSON body bound to {@code type}. */
    public Route json(Class<?> type) {
        return new Route(method, path, role, tag, summary, Body.JSON, type, query, status, produces, handler);
    }

    public Route body(Body kind) {
        return new Route(method, path, role, tag, summary, kind, requestType, query, status, produces, handler);
    }

    public Route param(String name, String type, String description) {
        List<Param> more = new ArrayList<>(query);
        more.add(new Param(name, type, description));
        return new Route(method, path, role, tag, summary, body, requestType, more, status, produces, handler);
    }

    public Route answers(int newStatus, String mediaType) {
        return new Route(method, path, role, tag, summary, body, requestType, query, newStatus, mediaType, handler);
    }

    public boolean isPublic() {
        return role == null;
    }

    /** The path's parameters, in order: {@code /a/{id}/b/{name}} → id, name. */
    public List<String> pathParams() {
        List<String> names = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** A stable operation id for the OpenAPI document, e.g. {@code post_api_v1_incidents_id_acknowledge}. */
    public String operationId() {
        return (method.name().toLowerCase(java.util.Locale.ROOT) + path.replaceAll("[^A-Za-z0-9]+", "_"))
                .replaceAll("_+$", "");
    }
}
