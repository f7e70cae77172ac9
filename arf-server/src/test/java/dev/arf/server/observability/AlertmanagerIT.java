package dev.arf.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arf.core.access.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alertmanager's webhook into ARF: a real Alertmanager (Debian's package; clustering off, free
 * loopback port, temporary storage), configured by the test with a webhook receiver pointing at ARF
 * with an operator token, turns an alert posted to its API into an incident in ARF, and the same
 * alert ended into its resolution. Direct posts show the deduplication by fingerprint and the role.
 */
class AlertmanagerIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path temp;

    static ArfUnderTest arf;

    @BeforeAll
    static void start() {
        arf = new ArfUnderTest(temp.resolve("data"), b -> {});
    }

    @AfterAll
    static void stop() {
        arf.close();
    }

    private static String webhook(String status, String fingerprint, String service) {
        return """
                {"version":"4","status":"%1$s","receiver":"arf","groupKey":"{}:{}","alerts":[
                  {"status":"%1$s","labels":{"alertname":"DiskFull","service":"%3$s","severity":"critical"},
                   "annotations":{"summary":"disk 97%% full"},"startsAt":"2026-11-27T09:00:00Z",
                   "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/graph","fingerprint":"%2$s"}]}
                """.formatted(status, fingerprint, service);
    }

    private static List<JsonNode> openIncidentsOf(String service) {
        JsonNode items =
                JSON.readTree(arf.get("/api/v1/incidents", Role.VIEWER).body()).path("items");
        return items.valueStream()
                .filter(i -> i.path("service").asString().equals(service))
                .toList();
    }

    @Test
    void theSameFiringAlertTwiceOpensOneIncidentAndItsResolutionResolvesIt() {
        HttpResponse<String> first = arf.post("/api/v1/alertmanager", Role.OPERATOR, webhook("firing", "aa11", "db"));
        HttpResponse<String> again = arf.post("/api/v1/alertmanager", Role.OPERATOR, webhook("firing", "aa11", "db"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String id = JSON.readTree(first.body()).path("opened").get(0).asString();
        assertThat(JSON.readTree(again.body()).path("already_open").get(0).asString())
                .isEqualTo(id);
        assertThat(openIncidentsOf("db")).hasSize(1);

        HttpResponse<String> resolved =
                arf.post("/api/v1/alertmanager", Role.OPERATOR, webhook("resolved", "aa11", "db"));

        assertThat(JSON.readTree(resolved.body()).path("resolved").get(0).asString())
                .isEqualTo(id);
        assertThat(openIncidentsOf("db")).isEmpty();
        JsonNode incident =
                JSON.readTree(arf.get("/api/v1/incidents/" + id, Role.VIEWER).body());
        assertThat(incident.path("state").asString()).isEqualTo("resolved");
        assertThat(incident.path("title").asString()).isEqualTo("db: DiskFull");
        assertThat(incident.path("severity").asString()).isEqualTo("critical");
    }

    @Test
    void aViewerMayNotRaiseIncidentsAndABadPayloadIsAProblem() {
        assertThat(arf.post("/api/v1/alertmanager", Role.VIEWER, webhook("firing", "bb22", "cache"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> bad = arf.post("/api/v1/alertmanager", Role.OPERATOR, "{\"alerts\":[{\"status\":1}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(bad.body()).contains("alerts[0].status");
        assertThat(openIncidentsOf("cache")).isEmpty();
    }

    @Test
    void aRealAlertmanagerOpensAndResolvesAnIncidentInArf() throws IOException {
        Path alertmanager = Binaries.require("prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");
        Path token = Files.writeString(temp.resolve("operator.token"), arf.tokens.get(Role.OPERATOR));
        int port = Binaries.freePort();
        Path config = Files.writeString(temp.resolve("alertmanager.yml"), """
                route:
                  receiver: arf
                  group_by: ['alertname', 'service']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: arf
                    webhook_configs:
                      - url: http://127.0.0.1:%d/api/v1/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials_file: %s
                """.formatted(arf.port(), token));
        try (ExternalServer server = ExternalServer.start(
                temp.resolve("alertmanager.log"),
                List.of(
                        alertmanager.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + temp.resolve("am-data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address="))) {
            HttpClient client = HttpClient.newHttpClient();
            Instant startsAt = Instant.now().minusSeconds(60);
            String firing = """
                    [{"labels":{"alertname":"HighErrorRate","service":"checkout","severity":"warning"},
                      "annotations":{"summary":"5xx above 5%%"},"startsAt":"%s",
                      "generatorURL":"http://127.0.0.1/graph"}]
                    """.formatted(startsAt);

            await("Alertmanager accepting alerts")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("Alertmanager exited:\n" + server.output(), () -> !server.alive())
                    .until(() -> postAlerts(client, port, firing) == 200);

            await("the incident Alertmanager's notification opens in ARF")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(openIncidentsOf("checkout"))
                            .as("Alertmanager's log:%n%s", server.output())
                            .hasSize(1));
            JsonNode incident = openIncidentsOf("checkout").get(0);
            assertThat(incident.path("title").asString()).isEqualTo("checkout: HighErrorRate");
            assertThat(incident.path("severity").asString()).isEqualTo("medium");
            String id = incident.path("id").asString();

            String ended = """
                    [{"labels":{"alertname":"HighErrorRate","service":"checkout","severity":"warning"},
                      "annotations":{"summary":"5xx above 5%%"},"startsAt":"%s","endsAt":"%s",
                      "generatorURL":"http://127.0.0.1/graph"}]
                    """.formatted(startsAt, Instant.now().minusSeconds(1));
            assertThat(postAlerts(client, port, ended)).isEqualTo(200);

            await("ARF resolving the incident when Alertmanager sends the resolution")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(state(id))
                            .as("Alertmanager's log:%n%s", server.output())
                            .hasValue("resolved"));
            assertThat(openIncidentsOf("checkout")).isEmpty();
        }
    }

    private static Optional<String> state(String id) {
        HttpResponse<String> answer = arf.get("/api/v1/incidents/" + id, Role.VIEWER);
        return answer.statusCode() == 200
                ? Optional.of(JSON.readTree(answer.body()).path("state").asString())
                : Optional.empty();
    }

    private static int postAlerts(HttpClient client, int port, String alerts) {
        try {
            return ArfUnderTest.send(
                            client,
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(alerts))
                                    .build())
                    .statusCode();
        } catch (java.io.UncheckedIOException e) {
            return -1;
        }
    }
}
