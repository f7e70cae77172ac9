package dev.arf.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.access.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpPartsTest {
    private static final ApiHandler NOTHING = (ctx, caller) -> {};

    record Sample(String serviceName, Double latencyP99, List<String> tags, Map<String, Double> custom) {}

    @Test
    void theRouteTableRefusesTwoRoutesForOneMethodAndPath() {
        RouteTable table = new RouteTable().add(Route.get("/a", Role.VIEWER, "t", "s", NOTHING));
        assertThatThrownBy(() -> table.add(Route.get("/a", Role.ADMIN, "t", "s", NOTHING)))
                .isInstanceOf(IllegalArgumentException.class);
        table.add(Route.post("/a", Role.ADMIN, "t", "s", NOTHING));
        assertThat(table.routes()).hasSize(2);
    }

    @Test
    void aRouteKnowsItsPathParametersAndOperationId() {
        Route r = Route.post("/api/v1/incidents/{id}/acknowledge", Role.OPERATOR, "t", "s", NOTHING);
        assertThat(r.pathParams()).containsExactly("id");
        assertThat(r.operationId()).isEqualTo("post_api_v1_incidents_id_acknowledge");
        assertThat(r.isPublic()).isFalse();
    }

    @Test
    void requestSchemasAreTheRecordsWithSnakeCaseNamesAndNoOtherFields() {
        Map<String, Object> doc = OpenApiDocument.of(
                new RouteTable()
                        .add(Route.post("/x", Role.OPERATOR, "t", "s", NOTHING).json(Sample.class)),
                "1");
        @SuppressWarnings("unchecked")
        Map<String, Object> schemas =
                (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        @SuppressWarnings("unchecked")
        Map<String, Object> sample = (Map<String, Object>) schemas.get("Sample");
        assertThat(sample.get("additionalProperties")).isEqualTo(false);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) sample.get("properties");
        assertThat(properties).containsOnlyKeys("service_name", "latency_p99", "tags", "custom");
        assertThat(OpenApiDocument.snake("memoryUtil")).isEqualTo("memory_util");
    }

    @Test
    void aKeyIsLocatedByLineAndColumn() {
        byte[] body = "{\n  \"a\": 1,\n  \"colour\" : 2}".getBytes(StandardCharsets.UTF_8);
        assertThat(Bodies.keyPosition(body, "colour")).isEqualTo("3:3: ");
        assertThat(Bodies.keyPosition(body, "missing")).isEmpty();
    }

    @Test
    void pathsInAnswersAndLogsCannotForgeLines() {
        assertThat(HttpServer.sanitize("/a\r\nFAKE: line")).doesNotContain("\n").doesNotContain("\r");
        assertThat(HttpServer.sanitize("/" + "x".repeat(500))).hasSizeLessThan(210);
    }

    @Test
    void jsonContentTypesAreRecognised() {
        assertThat(Bodies.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(Bodies.isJson("application/problem+json")).isTrue();
        assertThat(Bodies.isJson("text/plain")).isFalse();
    }
}
