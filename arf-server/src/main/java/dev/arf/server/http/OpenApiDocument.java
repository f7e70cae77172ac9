package dev.arf.server.http;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3.1 document of a {@link RouteTable}: every route with its role ({@code x-arf-role}),
 * parameters, request body (JSON request schemas derived from the records they bind to, unknown
 * fields refused), its success answer and the problems it can answer with.
 */
public final class OpenApiDocument {
    private OpenApiDocument() {}

    public static Map<String, Object> of(RouteTable table, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put(
                "info",
                Map.of(
                        "title",
                        "ARF API",
                        "version",
                        version,
                        "description",
                        "ARF's HTTP API. Authenticate with Authorization: Bearer <token>; each operation"
                                + " names the least role it needs in x-arf-role (viewer < operator <"
                                + " approver < admin). Errors are RFC 9457 application/problem+json."));
        Map<String, Object> schemas = new TreeMap<>();
        schemas.put("Problem", problemSchema());
        Map<String, Object> paths = new TreeMap<>();
        for (Route route : table.routes()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item =
                    (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<String, Object>());
            item.put(route.method().name().toLowerCase(java.util.Locale.ROOT), operation(route, schemas));
        }
        doc.put("paths", paths);
        doc.put(
                "components",
                Map.of(
                        "securitySchemes",
                        Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                        "schemas",
                        schemas));
        return doc;
    }

    private static Map<String, Object> operation(Route route, Map<String, Object> schemas) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", route.operationId());
        op.put("summary", route.summary());
        op.put("tags", List.of(route.tag()));
        op.put("x-arf-role", route.isPublic() ? "public" : route.role().key());
        op.put("security", route.isPublic() ? List.of() : List.of(Map.of("bearer", List.of())));
        List<Object> parameters = new ArrayList<>();
        for (String name : route.pathParams()) {
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (Route.Param p : route.query()) {
            parameters.add(Map.of(
                    "name",
                    p.name(),
                    "in",
                    "query",
                    "description",
                    p.description(),
                    "schema",
                    Map.of("type", p.type())));
        }
        if (route.body() == Route.Body.EVENTS) {
            parameters.add(Map.of(
                    "name",
                    "Idempotency-Key",
                    "in",
                    "header",
                    "description",
                    "Retries with the same key store nothing twice and get the first answer again.",
                    "schema",
                    Map.of("type", "string", "maxLength", 200)));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        switch (route.body()) {
            case NONE -> {}
            case JSON ->
                op.put(
                        "requestBody",
                        Map.of(
                                "required",
                                true,
                                "content",
                                Map.of("application/json", Map.of("schema", schemaOf(route.requestType(), schemas)))));
            case EVENTS -> {
                Map<String, Object> event = schemaOf(route.requestType(), schemas);
                op.put(
                        "requestBody",
                        Map.of(
                                "required",
                                true,
                                "content",
                                Map.of(
                                        "application/json",
                                        Map.of(
                                                "schema",
                                                Map.of(
                                                        "oneOf",
                                                        List.of(event, Map.of("type", "array", "items", event)))),
                                        "application/x-ndjson",
                                        Map.of(
                                                "schema",
                                                Map.of("type", "string", "description", "one event per line")))));
            }
            case YAML ->
                op.put(
                        "requestBody",
                        Map.of(
                                "required",
                                true,
                                "content",
                                Map.of("application/yaml", Map.of("schema", Map.of("type", "string")))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(
                Integer.toString(route.status()),
                Map.of("description", "success", "content", Map.of(route.produces(), Map.of())));
        Map<String, Object> problem =
                Map.of("application/problem+json", Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")));
        if (route.body() != Route.Body.NONE || !route.query().isEmpty()) {
            responses.put("400", Map.of("description", "invalid request", "content", problem));
        }
        if (!route.isPublic()) {
            responses.put("401", Map.of("description", "no valid token", "content", problem));
            responses.put(
                    "403",
                    Map.of(
                            "description",
                            "the token's role is below " + route.role().key(),
                            "content",
                            problem));
        }
        if (!route.pathParams().isEmpty()) {
            responses.put("404", Map.of("description", "no such resource", "content", problem));
        }
        if (route.body() != Route.Body.NONE) {
            responses.put("413", Map.of("description", "body too large", "content", problem));
            responses.put("415", Map.of("description", "unsupported content type", "content", problem));
        }
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> problemSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("type", Map.of("type", "string", "format", "uri"));
        props.put("title", Map.of("type", "string"));
        props.put("status", Map.of("type", "integer"));
        props.put("detail", Map.of("type", "string"));
        props.put("instance", Map.of("type", "string"));
        props.put("errors", Map.of("type", "array", "items", Map.of("type", "string")));
        return Map.of("type", "object", "required", List.of("type", "title", "status"), "properties", props);
    }

    /** A JSON Schema for a record type (registered under components), or a plain one for other types. */
    static Map<String, Object> schemaOf(Type type, Map<String, Object> schemas) {
        if (type == null) {
            return Map.of("type", "object");
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schemaOf(args[0], schemas));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", schemaOf(args[1], schemas));
            }
            return Map.of("type", "object");
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return Map.of("type", "string");
        }
        if (c == Instant.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return Map.of("type", "integer");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return Map.of("type", "number");
        }
        if (c.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object v : c.getEnumConstants()) {
                values.add(((Enum<?>) v).name().toLowerCase(java.util.Locale.ROOT));
            }
            return Map.of("type", "string", "enum", values);
        }
        if (c.isRecord()) {
            String name = c.getSimpleName();
            if (!schemas.containsKey(name)) {
                schemas.put(name, Map.of()); // placeholder against recursion
                Map<String, Object> props = new LinkedHashMap<>();
                for (RecordComponent rc : c.getRecordComponents()) {
                    props.put(snake(rc.getName()), schemaOf(rc.getGenericType(), schemas));
                }
                schemas.put(name, Map.of("type", "object", "additionalProperties", false, "properties", props));
            }
            return Map.of("$ref", "#/components/schemas/" + name);
        }
        return Map.of("type", "object");
    }

    static String snake(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
