package dev.arf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.arf.config.NotificationsConfig;
import dev.arf.core.access.Role;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Webhooks of a real server delivered to a real local receiver (loopback allow-listed by configuration). */
class WebhookIT {
    @TempDir
    Path temp;

    RunningServer arf;
    HttpServer receiver;
    final List<Delivery> received = new CopyOnWriteArrayList<>();
    volatile int answer = 204;

    record Delivery(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Delivery(
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.start();
        NotificationsConfig loopbackAllowed = new NotificationsConfig(
                Duration.ofHours(1),
                NotificationsConfig.Retry.DEFAULTS,
                List.of("127.0.0.1"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        arf = new RunningServer(
                temp.resolve("data"),
                r -> {},
                b -> b.notifications(loopbackAllowed).notificationInterval(Duration.ofMillis(100)));
    }

    @AfterEach
    void stop() {
        arf.close();
        receiver.stop(0);
    }

    private String hook(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private HttpResponse<String> register(String base, String json) {
        return arf.send(arf.request(base + "/register", arf.admin)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    @Test
    void aRegisteredWebhookReceivesASignedDeliveryWhenAnIncidentOpens() throws Exception {
        HttpResponse<String> registered = register(
                "/webhooks",
                "{\"url\":\"" + hook("/arf") + "\",\"events\":[\"incident_state_changed\"],"
                        + "\"services\":[\"checkout\"],\"description\":\"on-call\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode answer = RunningServer.json(registered);
        String secret = answer.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(answer.get("status").asString()).isEqualTo("registered");

        String incident = StreamIT.openIncident(arf, "checkout");

        await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
        Delivery d = received.get(0);
        assertThat(d.path()).isEqualTo("/arf");
        JsonNode body = RunningServer.JSON.readTree(d.body());
        assertThat(body.get("type").asString()).isEqualTo("incident_state_changed");
        assertThat(body.get("data").get("incident_id").asString()).isEqualTo(incident);
        assertThat(body.get("data").get("service").asString()).isEqualTo("checkout");
        assertThat(body.get("data").get("incident_state").asString()).isEqualToIgnoringCase("open");

        // Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body"> keyed by the secret's base64 part.
        String signed = d.header("webhook-id") + "." + d.header("webhook-timestamp") + "." + d.body();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected =
                "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        assertThat(d.header("webhook-signature").split(" ")).contains(expected);
    }

    @Test
    void aPrivateOrMetadataUrlIsRefusedAtRegistrationWithTheReason() {
        for (String url : List.of("http://169.254.169.254/", "http://10.0.0.8/hook", "file:///etc/passwd")) {
            HttpResponse<String> refused = register("/api/v1/webhooks", "{\"url\":\"" + url + "\"}");
            assertThat(refused.statusCode()).as(url).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(refused.body()).contains("SSRF");
        }
        assertThat(RunningServer.json(arf.get("/webhooks", Role.VIEWER))
                        .get("count")
                        .asInt())
                .isZero();
    }

    @Test
    void listingNeverShowsASecretAndRemovingWorksUnderBothPaths() {
        String mine = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        HttpResponse<String> a = register("/webhooks", "{\"url\":\"" + hook("/a") + "\",\"secret\":\"" + mine + "\"}");
        HttpResponse<String> b = register("/api/v1/webhooks", "{\"url\":\"" + hook("/b/token-in-path") + "\"}");
        assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
        assertThat(b.statusCode()).as(b.body()).isEqualTo(201);
        String generated = RunningServer.json(b).get("secret").asString();

        for (String path : List.of("/webhooks", "/api/v1/webhooks")) {
            HttpResponse<String> list = arf.get(path, Role.VIEWER);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(RunningServer.json(list).get("count").asInt()).isEqualTo(2);
            assertThat(list.body())
                    .doesNotContain(mine)
                    .doesNotContain(generated)
                    .doesNotContain(mine.substring(6))
                    .doesNotContain("whsec_")
                    .doesNotContain("token-in-path");
        }
        assertThat(arf.post("/webhooks/register", Role.OPERATOR, "{\"url\":\"" + hook("/c") + "\"}")
                        .statusCode())
                .isEqualTo(403);
        String id = RunningServer.json(a).get("webhook_id").asString();
        assertThat(arf.send(arf.request("/webhooks/" + id, arf.admin).DELETE().build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(arf.send(arf.request("/api/v1/webhooks/" + id, arf.admin)
                                .DELETE()
                                .build())
                        .statusCode())
                .isEqualTo(404);
        assertThat(RunningServer.json(arf.get("/api/v1/webhooks", Role.VIEWER))
                        .get("count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aRefusedDeliveryIsDeadLetteredListedAndReplayed() {
        answer = 400;
        assertThat(register(
                                "/webhooks",
                                "{\"url\":\"" + hook("/refuses") + "\",\"events\":[\"incident_state_changed\"]}")
                        .statusCode())
                .isEqualTo(201);
        StreamIT.openIncident(arf, "payments");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> RunningServer.json(arf.get("/api/v1/notifications/dead-letters", Role.VIEWER))
                                .get("count")
                                .asInt()
                        > 0);
        JsonNode dead = RunningServer.json(arf.get("/api/v1/notifications/dead-letters", Role.VIEWER))
                .get("items")
                .get(0);
        assertThat(dead.get("event_type").asString()).isEqualTo("incident_state_changed");
        assertThat(dead.get("last_error").asString()).contains("400");
        int before = received.size();

        answer = 204;
        String id = dead.get("id").asString();
        assertThat(arf.post("/api/v1/notifications/dead-letters/" + id + "/replay", Role.VIEWER, "")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> replayed =
                arf.post("/api/v1/notifications/dead-letters/" + id + "/replay", Role.OPERATOR, "");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() > before);
        assertThat(received.get(received.size() - 1).header("webhook-id")).isEqualTo(id);
        assertThat(arf.post("/api/v1/notifications/dead-letters/nope/replay", Role.OPERATOR, "")
                        .statusCode())
                .isEqualTo(404);
    }
}
