package dev.arf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arf.core.access.Role;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The event stream of a real server: SSE and WebSocket, filters, resuming with Last-Event-ID. */
class StreamIT {
    @TempDir
    Path temp;

    RunningServer arf;
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() {
        arf = new RunningServer(temp.resolve("data"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        arf.close();
    }

    private SseSubscriber subscribe(String query, String lastEventId) {
        SseSubscriber s = new SseSubscriber(
                arf.http,
                URI.create(arf.url("/api/v1/events/stream" + query)),
                arf.tokens.get(Role.VIEWER),
                lastEventId);
        open.add(s);
        assertThat(s.response.statusCode()).isEqualTo(200);
        assertThat(s.response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        return s;
    }

    static String event(String service, Instant at, double latency, double errors) {
        return String.format(
                Locale.ROOT,
                "{\"service\":\"%s\",\"timestamp\":\"%s\",\"latency_p99\":%.1f,\"error_rate\":%.3f,"
                        + "\"throughput\":900,\"cpu_util\":0.4,\"memory_util\":0.5}",
                service,
                at,
                latency,
                errors);
    }

    private String openIncident(String service) {
        return openIncident(arf, service);
    }

    /** Healthy telemetry, then bad until an incident opens; its id. */
    static String openIncident(RunningServer arf, String service) {
        Instant t0 = Instant.parse("2026-11-27T09:00:00Z");
        StringBuilder healthy = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            healthy.append(i == 0 ? "" : ",").append(event(service, t0.plusSeconds(15L * i), 120 + i % 7, 0.002));
        }
        assertThat(arf.post("/api/v1/events", Role.OPERATOR, healthy.append("]").toString())
                        .statusCode())
                .isEqualTo(202);
        for (int i = 60; i < 120; i++) {
            arf.post("/api/v1/events", Role.OPERATOR, event(service, t0.plusSeconds(15L * i), 2_400, 0.35));
            JsonNode items = RunningServer.json(arf.get("/api/v1/incidents", Role.VIEWER))
                    .get("items");
            for (JsonNode incident : items) {
                if (incident.get("service").asString().equals(service)) {
                    return incident.get("id").asString();
                }
            }
        }
        throw new AssertionError("no incident opened for " + service);
    }

    /** Creates a token (an audit record streamed as audit_recorded with service token:ID); its id. */
    private String createToken(String name) {
        HttpResponse<String> r = arf.send(arf.request("/api/v1/tokens", arf.admin)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"role\":\"viewer\"}"))
                .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return RunningServer.json(r).get("token").get("id").asString();
    }

    @Test
    void aSubscriberHearsTheIncidentThatBadTelemetryOpens() {
        SseSubscriber sse = subscribe("?type=incident_state_changed", null);
        String incident = openIncident("checkout");

        await().atMost(SseSubscriber.timeout()).until(() -> !sse.events.isEmpty());
        SseSubscriber.Event opened = sse.events.get(0);
        assertThat(opened.name()).isEqualTo("incident_state_changed");
        assertThat(opened.data().get("incident_id").asString()).isEqualTo(incident);
        assertThat(opened.data().get("incident_state").asString()).isEqualTo("open");
        assertThat(opened.data().get("service").asString()).isEqualTo("checkout");
        assertThat(opened.data().get("audit_event").asString()).isEqualTo("INCIDENT_OPENED");
        assertThat(opened.data().get("id").asLong()).isEqualTo(opened.id());
        JsonNode record = RunningServer.json(arf.get("/api/v1/audit?from=" + opened.id() + "&limit=1", Role.VIEWER))
                .get("items")
                .get(0);
        assertThat(record.toString()).contains("INCIDENT_OPENED");

        arf.post("/api/v1/incidents/" + incident + "/acknowledge", Role.OPERATOR, "");
        await().atMost(SseSubscriber.timeout()).until(() -> sse.events.size() == 2);
        assertThat(sse.events.get(1).data().get("incident_state").asString()).isEqualTo("acknowledged");
        assertThat(sse.names()).containsOnly("incident_state_changed");
    }

    @Test
    void filtersByServiceAndType() {
        SseSubscriber everything = subscribe("", null);
        SseSubscriber governance = subscribe("?type=governance_changed", null);
        SseSubscriber tokensOnly = subscribe("?type=audit_recorded&type=governance_changed", null);
        String a = createToken("stream-a");
        SseSubscriber onlyA = subscribe("?service=token:" + a, "0");
        createToken("stream-b");
        HttpResponse<String> kill = arf.put(
                "/api/v1/governance/kill-switch",
                Role.ADMIN,
                "application/json",
                "{\"engaged\":true,\"reason\":\"test\"}");
        assertThat(kill.statusCode()).as(kill.body()).isEqualTo(200);

        await().atMost(SseSubscriber.timeout()).until(() -> everything.events.size() >= 3);
        await().atMost(SseSubscriber.timeout()).until(() -> tokensOnly.events.size() >= 3);
        await().atMost(SseSubscriber.timeout()).until(() -> !governance.events.isEmpty());
        await().atMost(SseSubscriber.timeout()).until(() -> !onlyA.events.isEmpty());
        assertThat(governance.names()).containsOnly("governance_changed");
        assertThat(governance.events.get(0).data().get("audit_event").asString())
                .isEqualTo("KILL_SWITCH_ENGAGED");
        assertThat(onlyA.events).hasSize(1);
        assertThat(onlyA.events.get(0).data().get("service").asString()).isEqualTo("token:" + a);
        assertThat(everything.ids()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void anIdleStreamSendsHeartbeatsAndStaysOpen() {
        try (RunningServer quick =
                new RunningServer(temp.resolve("quick"), r -> {}, b -> b.stream(16, java.time.Duration.ofMillis(50)))) {
            SseSubscriber idle = new SseSubscriber(
                    quick.http, URI.create(quick.url("/api/v1/events/stream")), quick.tokens.get(Role.VIEWER), null);
            open.add(idle);
            await().atMost(SseSubscriber.timeout()).until(() -> idle.comments.size() >= 5);
            assertThat(idle.comments).contains("keep-alive");
            assertThat(idle.ended()).isFalse();
            assertThat(quick.server.stream().subscribers()).isEqualTo(1);
            idle.close();
            await().atMost(SseSubscriber.timeout())
                    .until(() -> quick.server.stream().subscribers() == 0);
        }
    }

    @Test
    void badFiltersAndAMissingAcceptAreProblems() {
        HttpResponse<String> noAccept = arf.get("/api/v1/events/stream", Role.VIEWER);
        assertThat(noAccept.statusCode()).isEqualTo(406);
        assertThat(noAccept.body()).contains("text/event-stream");
        HttpResponse<String> unknown =
                arf.send(arf.request("/api/v1/events/stream?type=nonsense", arf.tokens.get(Role.VIEWER))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("nonsense", "incident_state_changed");
        HttpResponse<String> badId = arf.send(arf.request("/api/v1/events/stream", arf.tokens.get(Role.VIEWER))
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", "yesterday")
                .GET()
                .build());
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(arf.get("/api/v1/events/ws", Role.VIEWER).statusCode()).isEqualTo(426);
    }

    @Test
    void aReconnectWithLastEventIdGetsExactlyTheMissedEventsThenLiveOnes() {
        SseSubscriber first = subscribe("", null);
        createToken("before-1");
        createToken("before-2");
        await().atMost(SseSubscriber.timeout()).until(() -> first.events.size() >= 2);
        long lastSeen = first.events.get(first.events.size() - 1).id();
        first.close();

        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            missed.add(createToken("missed-" + i));
        }
        JsonNode trail = RunningServer.json(arf.get("/api/v1/audit?from=" + (lastSeen + 1), Role.VIEWER))
                .get("items");
        List<Long> expected = new ArrayList<>();
        for (JsonNode r : trail) {
            expected.add(r.get("sequence").asLong());
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(5);

        SseSubscriber again = subscribe("", Long.toString(lastSeen));
        await().atMost(SseSubscriber.timeout()).until(() -> again.events.size() >= expected.size());
        createToken("after");
        await().atMost(SseSubscriber.timeout()).until(() -> again.events.size() >= expected.size() + 1);

        List<Long> ids = again.ids();
        assertThat(ids.subList(0, expected.size())).isEqualTo(expected);
        assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch(id -> id > lastSeen);
        assertThat(again.events
                        .get(expected.size())
                        .data()
                        .get("details")
                        .get("name")
                        .asString())
                .isEqualTo("after");
        for (String id : missed) {
            assertThat(again.events)
                    .anyMatch(e -> e.data().get("service").asString().equals("token:" + id));
        }
    }

    /** Collects text frames. */
    static final class Frames implements WebSocket.Listener {
        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(RunningServer.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    private URI wsUri(String query) {
        return URI.create("ws://127.0.0.1:" + arf.server.port() + "/api/v1/events/ws" + query);
    }

    @Test
    void aWebSocketHearsTheSameEventsWithTheTokenInTheHeaderOrTheSubprotocol() throws Exception {
        Frames byHeader = new Frames();
        WebSocket one = arf.http
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + arf.tokens.get(Role.VIEWER))
                .buildAsync(wsUri("?type=incident_state_changed"), byHeader)
                .get(10, TimeUnit.SECONDS);
        Frames byProtocol = new Frames();
        WebSocket two = arf.http
                .newWebSocketBuilder()
                .subprotocols("arf.v1", "arf.bearer." + arf.tokens.get(Role.VIEWER))
                .buildAsync(wsUri("?type=incident_state_changed&service=checkout"), byProtocol)
                .get(10, TimeUnit.SECONDS);
        assertThat(two.getSubprotocol()).isEqualTo("arf.v1");
        SseSubscriber sse = subscribe("?type=incident_state_changed", null);

        String incident = openIncident("checkout");

        await().atMost(SseSubscriber.timeout()).until(() -> !byHeader.frames.isEmpty() && !byProtocol.frames.isEmpty());
        await().atMost(SseSubscriber.timeout()).until(() -> !sse.events.isEmpty());
        for (Frames f : List.of(byHeader, byProtocol)) {
            JsonNode frame = f.frames.get(0);
            assertThat(frame.get("type").asString()).isEqualTo("incident_state_changed");
            assertThat(frame.get("incident_id").asString()).isEqualTo(incident);
            assertThat(frame.get("id").asLong()).isEqualTo(sse.events.get(0).id());
        }
        one.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        two.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWebSocketWithoutAValidTokenIsRefusedBeforeTheUpgrade() {
        CompletableFuture<WebSocket> none = arf.http.newWebSocketBuilder().buildAsync(wsUri(""), new Frames());
        CompletableFuture<WebSocket> forged = arf.http
                .newWebSocketBuilder()
                .header("Authorization", "Bearer arf_" + "A".repeat(43))
                .buildAsync(wsUri(""), new Frames());
        for (CompletableFuture<WebSocket> attempt : List.of(none, forged)) {
            assertThat(attempt)
                    .failsWithin(java.time.Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause()
                    .isInstanceOfSatisfying(
                            WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
        }
        assertThat(CompletionException.class).isNotNull();
    }
}
