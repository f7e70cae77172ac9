package dev.arf.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.access.Role;
import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.execute.Action;
import dev.arf.core.policy.HealingAction;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The real server on a loopback port, over HTTP, with a real embedded store. */
class ServerIT {
    @TempDir
    Path temp;

    RunningServer arf;

    @BeforeEach
    void start() {
        arf = new RunningServer(temp.resolve("data"));
    }

    @AfterEach
    void stop() {
        arf.close();
    }

    private static String event(String service, Instant at, double latency, double errors) {
        return String.format(
                java.util.Locale.ROOT,
                "{\"service\":\"%s\",\"timestamp\":\"%s\",\"latency_p99\":%.1f,\"error_rate\":%.3f,"
                        + "\"throughput\":900,\"cpu_util\":0.4,\"memory_util\":0.5}",
                service,
                at,
                latency,
                errors);
    }

    @Test
    void healthAndReadinessArePublic() {
        HttpResponse<String> health =
                arf.send(arf.request("/health", null).GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(RunningServer.json(health).get("status").asString()).isEqualTo("healthy");
        HttpResponse<String> ready = arf.send(arf.request("/ready", null).GET().build());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(RunningServer.json(ready).get("checks").get("engine").asString())
                .isEqualTo("running");
    }

    @Test
    void theFirstStartCreatedAnAdminToken() {
        assertThat(arf.admin).startsWith("arf_");
        HttpResponse<String> tokens =
                arf.send(arf.request("/api/v1/tokens", arf.admin).GET().build());
        assertThat(tokens.statusCode()).isEqualTo(200);
        assertThat(tokens.body()).contains("\"created_by\":\"bootstrap\"").doesNotContain(arf.admin);
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteWithItsRole() {
        HttpResponse<String> response =
                arf.send(arf.request("/openapi.json", null).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = RunningServer.json(response);
        assertThat(doc.get("openapi").asString()).isEqualTo("3.1.0");
        for (var route : arf.server.routes().routes()) {
            JsonNode op =
                    doc.get("paths").get(route.path()).get(route.method().name().toLowerCase(java.util.Locale.ROOT));
            assertThat(op).as(route.method() + " " + route.path()).isNotNull();
            assertThat(op.get("x-arf-role").asString())
                    .isEqualTo(route.isPublic() ? "public" : route.role().key());
        }
        assertThat(doc.get("components")
                        .get("schemas")
                        .get("EventInput")
                        .get("properties")
                        .has("latency_p99"))
                .isTrue();
    }

    @Test
    void ingestedTelemetryOpensAnIncidentThatAPersonAcknowledgesAndResolves() {
        Instant t0 = Instant.parse("2026-11-27T09:00:00Z");
        StringBuilder healthy = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            healthy.append(i == 0 ? "" : ",").append(event("checkout", t0.plusSeconds(15L * i), 120 + i % 7, 0.002));
        }
        HttpResponse<String> batch =
                arf.post("/api/v1/events", Role.OPERATOR, healthy.append("]").toString());
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
        assertThat(RunningServer.json(batch).get("accepted").asInt()).isEqualTo(60);

        String incidentId = null;
        for (int i = 60; i < 120 && incidentId == null; i++) {
            HttpResponse<String> one =
                    arf.post("/api/v1/events", Role.OPERATOR, event("checkout", t0.plusSeconds(15L * i), 2_400, 0.35));
            assertThat(one.statusCode()).isEqualTo(202);
            JsonNode open = RunningServer.json(arf.get("/api/v1/incidents", Role.VIEWER))
                    .get("items");
            if (!open.isEmpty()) {
                incidentId = open.get(0).get("id").asString();
            }
        }
        assertThat(incidentId).as("an incident opened").isNotNull();

        JsonNode incident = RunningServer.json(arf.get("/api/v1/incidents/" + incidentId, Role.VIEWER));
        assertThat(incident.get("service").asString()).isEqualTo("checkout");
        assertThat(incident.get("timeline").get(0).get("kind").asString()).isEqualTo("detected");

        assertThat(arf.post("/api/v1/incidents/" + incidentId + "/acknowledge", Role.VIEWER, "")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> ack = arf.post("/api/v1/incidents/" + incidentId + "/acknowledge", Role.OPERATOR, "");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(RunningServer.json(ack).get("state").asString()).isEqualTo("acknowledged");

        HttpResponse<String> resolved = arf.post(
                "/api/v1/incidents/" + incidentId + "/resolve", Role.OPERATOR, "{\"note\":\"rolled back by hand\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        JsonNode done = RunningServer.json(resolved);
        assertThat(done.get("state").asString()).isEqualTo("resolved");
        assertThat(done.get("timeline").toString())
                .contains("acknowledged by operator-person")
                .contains("resolved by operator-person");
        assertThat(arf.post("/api/v1/incidents/" + incidentId + "/resolve", Role.OPERATOR, "")
                        .statusCode())
                .isEqualTo(409);
        assertThat(RunningServer.json(arf.get("/api/v1/incidents?state=all", Role.VIEWER))
                        .get("count")
                        .asInt())
                .isEqualTo(1);

        String audit = arf.get("/api/v1/audit?limit=1000", Role.VIEWER).body();
        assertThat(audit).contains("INCIDENT_OPENED", "INCIDENT_ACKNOWLEDGED", "person:operator-person");
        assertThat(RunningServer.json(arf.get("/api/v1/audit/verify", Role.VIEWER))
                        .get("intact")
                        .asBoolean())
                .isTrue();
        assertThat(RunningServer.json(arf.get("/api/v1/services/checkout", Role.VIEWER))
                        .get("state")
                        .asString())
                .isIn("healthy", "incident");
        assertThat(arf.get("/metrics/export/csv?component=checkout", Role.VIEWER)
                        .body())
                .startsWith("timestamp,component,latency_p99")
                .contains("checkout");
        assertThat(RunningServer.json(arf.get("/metrics/export/json", Role.VIEWER))
                        .get("total_events")
                        .asInt())
                .isPositive();
    }

    @Test
    void aRetriedIngestWithTheSameKeyStoresNothingTwice() {
        String body = event("payments", Instant.parse("2026-11-27T09:00:00Z"), 100, 0.001);
        HttpRequest.Builder request = arf.request("/api/v1/events", arf.tokens.get(Role.OPERATOR))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "retry-me-1");
        HttpResponse<String> first =
                arf.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
        HttpResponse<String> second =
                arf.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotency-Replayed")).contains("true");
        assertThat(first.headers().firstValue("Idempotency-Replayed")).isEmpty();
        assertThat(RunningServer.json(arf.get("/api/v1/services/payments/events", Role.VIEWER))
                        .get("count")
                        .asInt())
                .isEqualTo(1);

        String other = event("payments", Instant.parse("2026-11-27T09:00:15Z"), 100, 0.001);
        HttpResponse<String> reused = arf.send(
                request.POST(HttpRequest.BodyPublishers.ofString(other)).build());
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void ndjsonIsOneEventPerLine() {
        Instant t0 = Instant.parse("2026-11-27T09:00:00Z");
        String body = event("cache", t0, 3, 0) + "\n\n" + event("cache", t0.plusSeconds(15), 4, 0) + "\n";
        HttpResponse<String> response = arf.send(arf.request("/api/v1/events", arf.tokens.get(Role.OPERATOR))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(RunningServer.json(response).get("accepted").asInt()).isEqualTo(2);

        HttpResponse<String> bad = arf.send(arf.request("/api/v1/events", arf.tokens.get(Role.OPERATOR))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(
                        event("cache", t0, 3, 0) + "\n{\"service\":\"cache\",\"colour\":1}\n"))
                .build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("line 2: ").contains("unknown field 'colour'");
    }

    @Test
    void badInputIsAProblemThatSaysWhatIsWrong() {
        Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
        answers.put(
                "unknown field",
                arf.post("/api/v1/events", Role.OPERATOR, "{\"service\":\"a\",\"latency_p99\":5,\"colour\":\"red\"}"));
        answers.put("malformed", arf.post("/api/v1/events", Role.OPERATOR, "{\"service\":"));
        answers.put(
                "wrong type",
                arf.post("/api/v1/events", Role.OPERATOR, "{\"service\":\"a\",\"latency_p99\":\"fast\"}"));
        answers.put("invalid value", arf.post("/api/v1/events", Role.OPERATOR, "{\"service\":\"a\",\"error_rate\":7}"));
        answers.put(
                "batch entry",
                arf.post("/api/v1/events", Role.OPERATOR, "[{\"service\":\"a\",\"cpu_util\":0.5},{\"service\":\"\"}]"));
        answers.put(
                "duplicate key",
                arf.post("/api/v1/events", Role.OPERATOR, "{\"service\":\"a\",\"service\":\"b\",\"cpu_util\":0.5}"));
        for (var e : answers.entrySet()) {
            assertThat(e.getValue().statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(e.getValue().headers().firstValue("Content-Type"))
                    .as(e.getKey())
                    .contains("application/problem+json");
            JsonNode problem = RunningServer.json(e.getValue());
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/events");
            assertThat(problem.get("type").asString()).startsWith("https://");
        }
        assertThat(answers.get("unknown field").body())
                .contains("unknown field 'colour'")
                .contains("1:32: colour: unknown field");
        assertThat(answers.get("wrong type").body()).contains("latency_p99");
        assertThat(answers.get("invalid value").body()).contains("error_rate: is a fraction between 0 and 1");
        assertThat(answers.get("batch entry").body()).contains("[1].service: missing");

        HttpResponse<String> tooLarge = arf.post("/api/v1/events", Role.OPERATOR, "[" + "1,".repeat(40_000) + "1]");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).contains("application/problem+json");

        HttpResponse<String> text = arf.put("/api/v1/governance/kill-switch", Role.ADMIN, "text/plain", "on");
        assertThat(text.statusCode()).isEqualTo(415);

        HttpResponse<String> missing = arf.get("/api/v1/nothing-here", Role.VIEWER);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(RunningServer.json(missing).get("title").asString()).isEqualTo("No such resource");

        HttpResponse<String> noIncident = arf.get("/api/v1/incidents/INC-NOPE", Role.VIEWER);
        assertThat(noIncident.statusCode()).isEqualTo(404);
        assertThat(noIncident.body()).contains("no incident INC-NOPE");

        HttpResponse<String> badLimit = arf.get("/api/v1/incidents?limit=0", Role.VIEWER);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("limit: must be between 1 and 1000");
    }

    @Test
    void anApproverApprovesUnderTheTokensName() {
        Action restart = new Action(
                "manual-1",
                HealingAction.RESTART_CONTAINER,
                "database",
                Map.of(),
                "policy:test",
                "wedged",
                Instant.now(),
                Action.CERTAIN);
        ApprovalRequest request =
                arf.server.runtime().approvals().request(restart, "restart_container", List.of("dba"), "wedged");

        JsonNode list = RunningServer.json(arf.get("/api/v1/approvals", Role.VIEWER));
        assertThat(list.get("items").get(0).get("id").asString()).isEqualTo(request.id());
        assertThat(list.get("items").get(0).get("state").asString()).isEqualTo("pending");

        assertThat(arf.post("/api/v1/approvals/" + request.id() + "/approve", Role.OPERATOR, "")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> approved =
                arf.post("/api/v1/approvals/" + request.id() + "/approve", Role.APPROVER, "{\"note\":\"go\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(RunningServer.json(approved).get("state").asString()).isEqualTo("approved");
        assertThat(RunningServer.json(approved).get("decided_by").asString()).isEqualTo("approver-person");
        assertThat(arf.post("/api/v1/approvals/" + request.id() + "/deny", Role.ADMIN, "")
                        .statusCode())
                .isEqualTo(409);
        assertThat(arf.get("/api/v1/audit?limit=1000", Role.VIEWER).body())
                .contains("APPROVAL_GRANTED")
                .contains("person:approver-person");
    }

    @Test
    void aBlueprintIsValidatedRecordedAndPutInForce() throws Exception {
        String yaml = Files.readString(Path.of("..", "examples", "blueprints", "checkout.yaml"));
        HttpResponse<String> put =
                arf.put("/api/v1/blueprints/checkout?note=first", Role.ADMIN, "application/yaml", yaml);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(RunningServer.json(put).get("blueprint").get("version").asInt())
                .isEqualTo(1);
        assertThat(RunningServer.json(put).get("changed").asBoolean()).isTrue();
        assertThat(arf.server.runtime().blueprints().current().services()).containsKey("checkout");

        HttpResponse<String> again = arf.put("/api/v1/blueprints/checkout", Role.ADMIN, "application/yaml", yaml);
        assertThat(RunningServer.json(again).get("changed").asBoolean()).isFalse();

        HttpResponse<String> bad = arf.put(
                "/api/v1/blueprints/checkout",
                Role.ADMIN,
                "application/yaml",
                yaml.replace("min_replicas:", "min_replica:"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(RunningServer.json(bad).get("errors").get(0).asString()).matches("\\d+:\\d+: .*");

        assertThat(arf.put("/api/v1/blueprints/checkout", Role.APPROVER, "application/yaml", yaml)
                        .statusCode())
                .isEqualTo(403);
        JsonNode got = RunningServer.json(arf.get("/api/v1/blueprints/checkout", Role.VIEWER));
        assertThat(got.get("yaml").asString()).isEqualTo(yaml);
        assertThat(got.get("applied_by").asString()).isEqualTo("api:admin-person");
        assertThat(RunningServer.json(arf.get("/api/v1/blueprints/checkout/history", Role.VIEWER))
                        .get("count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void theKillSwitchIsAnAdminsAndShowsInTheStatus() {
        assertThat(arf.put("/api/v1/governance/kill-switch", Role.APPROVER, "application/json", "{\"engaged\":true}")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> on = arf.put(
                "/api/v1/governance/kill-switch",
                Role.ADMIN,
                "application/json",
                "{\"engaged\":true,\"reason\":\"drill\"}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(RunningServer.json(on).get("engaged").asBoolean()).isTrue();
        JsonNode status = RunningServer.json(arf.get("/api/v1/governance/status", Role.VIEWER));
        assertThat(status.get("kill_switch").get("engaged").asBoolean()).isTrue();
        assertThat(arf.get("/api/v1/audit?limit=1000", Role.VIEWER).body()).contains("KILL_SWITCH_ENGAGED");
    }

    @Test
    void anAdminCreatesAndRevokesTokens() {
        HttpResponse<String> created =
                arf.post("/api/v1/tokens", Role.ADMIN, "{\"name\":\"ci\",\"role\":\"operator\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = RunningServer.json(created).get("secret").asString();
        String id = RunningServer.json(created).get("token").get("id").asString();
        assertThat(arf.send(arf.request("/api/v1/incidents", secret).GET().build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(arf.send(arf.request("/api/v1/tokens/" + id, arf.admin)
                                .DELETE()
                                .build())
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> revoked =
                arf.send(arf.request("/api/v1/incidents", secret).GET().build());
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(arf.get("/api/v1/audit?limit=1000", Role.VIEWER).body())
                .contains("API_TOKEN_CREATED", "API_TOKEN_REVOKED")
                .doesNotContain(secret);
    }

    @Test
    void theAgentStatusHasSeed003sShape() {
        JsonNode status = RunningServer.json(arf.get("/api/agent/status", Role.VIEWER));
        assertThat(status.has("agent_id")).isTrue();
        assertThat(status.get("state").asString()).isNotEmpty();
        assertThat(status.get("recent_decisions").isArray()).isTrue();
    }
}
