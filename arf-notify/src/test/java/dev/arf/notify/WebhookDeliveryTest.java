package dev.arf.notify;

import static dev.arf.notify.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.incident.IncidentState;
import dev.arf.core.notify.DeliveryState;
import dev.arf.core.notify.InMemoryDeliveryOutbox;
import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.time.VirtualClock;
import dev.arf.notify.net.AllowList;
import dev.arf.notify.net.GuardedHttp;
import dev.arf.notify.net.UrlGuard;
import java.net.InetAddress;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Webhook subscriptions end to end against a local receiver, on a virtual clock. */
class WebhookDeliveryTest {
    private final MockWebServer receiver = new MockWebServer();
    private final VirtualClock clock = new VirtualClock(T0);
    private final InMemoryDeliveryOutbox outbox = new InMemoryDeliveryOutbox();
    private NotificationDispatcher dispatcher;
    private String url;

    @BeforeEach
    void start() throws Exception {
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
        url = "http://127.0.0.1:" + receiver.getPort() + "/arf/events";
        dispatcher = dispatcher(RetryPolicy.defaults());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private NotificationDispatcher dispatcher(RetryPolicy retry) {
        return NotificationDispatcher.builder()
                .clock(clock)
                .outbox(outbox)
                .http(Fixtures.loopbackHttp())
                .retryPolicy(retry)
                .random(new Random(7))
                .executor(Runnable::run)
                .build();
    }

    private WebhookRegistry.Registered register(List<String> types, List<String> services) {
        return (WebhookRegistry.Registered) dispatcher.webhooks().register(url, types, services, "on-call", null);
    }

    private void respond(int... statuses) {
        for (int s : statuses) {
            receiver.enqueue(new MockResponse.Builder().code(s).build());
        }
    }

    @Test
    void aSubscriberReceivesTheEventSignedTheStandardWebhooksWay() throws Exception {
        WebhookRegistry.Registered registered = register(List.of(), List.of());
        respond(204);

        PublishReport report = dispatcher.publish(Fixtures.incident("evt-1", "INC-7", IncidentState.OPEN));
        NotificationDispatcher.RunReport run = dispatcher.runDue();

        assertThat(run.delivered()).isEqualTo(1);
        RecordedRequest request = receiver.takeRequest();
        String id = request.getHeaders().get("webhook-id");
        String timestamp = request.getHeaders().get("webhook-timestamp");
        String body = request.getBody().utf8();
        assertThat(id).isEqualTo(report.queued().getFirst().deliveryId()).startsWith("msg_");
        assertThat(timestamp).isEqualTo(Long.toString(T0.getEpochSecond()));
        assertThat(request.getHeaders().get("webhook-signature"))
                .isEqualTo(Fixtures.expectedSignature(registered.secret().reveal(), id, timestamp, body));
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode json = JsonMapper.builder().build().readTree(body);
        assertThat(json.path("type").asString()).isEqualTo("incident_state_changed");
        assertThat(json.path("timestamp").asString()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(json.path("data").path("incident_id").asString()).isEqualTo("INC-7");
        assertThat(json.path("data").path("incident_state").asString()).isEqualTo("open");
        assertThat(json.path("data").path("details").path("latency_p99_ms").asInt())
                .isEqualTo(850);
        assertThat(outbox.find(id).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void aSubscriptionReceivesOnlyTheEventTypesAndServicesItAskedFor() throws Exception {
        register(List.of("security_alert"), List.of("payments"));
        respond(200);

        dispatcher.publish(Fixtures.event("e1", EventType.SECURITY_ALERT, "checkout"));
        dispatcher.publish(Fixtures.event("e2", EventType.SLO_VIOLATION_DETECTED, "payments"));
        dispatcher.publish(Fixtures.event("e3", EventType.SECURITY_ALERT, "payments"));
        dispatcher.runDue();

        assertThat(receiver.getRequestCount()).isEqualTo(1);
        assertThat(receiver.takeRequest().getBody().utf8()).contains("\"event_id\":\"e3\"");
    }

    @Test
    void publishingTheSameEventTwiceQueuesItOnce() {
        register(List.of(), List.of());

        PublishReport first = dispatcher.publish(Fixtures.event("same", EventType.SECURITY_ALERT, "checkout"));
        PublishReport again = dispatcher.publish(Fixtures.event("same", EventType.SECURITY_ALERT, "checkout"));

        assertThat(again.queued()).isEqualTo(first.queued());
        assertThat(dispatcher.pending(10)).hasSize(1);
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffKeepingItsIdAndBody() throws Exception {
        register(List.of(), List.of());
        respond(503, 500, 200);
        String id = dispatcher
                .publish(Fixtures.event("e1", EventType.SECURITY_ALERT, "checkout"))
                .queued()
                .getFirst()
                .deliveryId();

        dispatcher.runDue();
        OutboxEntry afterFirst = outbox.find(id).orElseThrow();
        assertThat(afterFirst.attempts()).isEqualTo(1);
        assertThat(afterFirst.lastError()).isEqualTo("HTTP 503");
        Duration firstWait = Duration.between(T0, afterFirst.nextAttemptAt());
        assertThat(firstWait).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));

        assertThat(dispatcher.runDue().delivered())
                .as("not due yet: nothing sent")
                .isZero();
        clock.setTo(afterFirst.nextAttemptAt());
        dispatcher.runDue();
        OutboxEntry afterSecond = outbox.find(id).orElseThrow();
        Duration secondWait = Duration.between(afterFirst.nextAttemptAt(), afterSecond.nextAttemptAt());
        assertThat(secondWait).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        clock.setTo(afterSecond.nextAttemptAt());
        dispatcher.runDue();

        assertThat(outbox.find(id).orElseThrow())
                .extracting(OutboxEntry::state, OutboxEntry::attempts)
                .containsExactly(DeliveryState.DELIVERED, 3);
        List<RecordedRequest> requests =
                List.of(receiver.takeRequest(), receiver.takeRequest(), receiver.takeRequest());
        assertThat(requests).extracting(r -> r.getHeaders().get("webhook-id")).containsOnly(id);
        assertThat(requests).extracting(r -> r.getBody().utf8()).containsOnly(afterFirst.body());
        assertThat(requests)
                .extracting(r -> r.getHeaders().get("webhook-timestamp"))
                .doesNotHaveDuplicates();
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDateIsHonoured() {
        register(List.of(), List.of());
        receiver.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "120")
                .build());
        String id = dispatcher
                .publish(Fixtures.event("e1", EventType.SECURITY_ALERT, "checkout"))
                .queued()
                .getFirst()
                .deliveryId();

        dispatcher.runDue();
        assertThat(outbox.find(id).orElseThrow().nextAttemptAt()).isEqualTo(T0.plusSeconds(120));

        clock.setTo(T0.plusSeconds(120));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                T0.plusSeconds(120 + 600).atOffset(ZoneOffset.UTC));
        receiver.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", date)
                .build());
        dispatcher.runDue();
        assertThat(outbox.find(id).orElseThrow().nextAttemptAt()).isEqualTo(T0.plusSeconds(720));
    }

    @Test
    void afterTheLastAttemptADeliveryJoinsTheDeadLettersAndCanBeReplayed() {
        dispatcher = dispatcher(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofHours(1)));
        register(List.of(), List.of());
        respond(500, 500, 500, 200);
        String id = dispatcher
                .publish(Fixtures.event("e1", EventType.SECURITY_ALERT, "checkout"))
                .queued()
                .getFirst()
                .deliveryId();

        for (int i = 0; i < 3; i++) {
            dispatcher.runDue();
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(receiver.getRequestCount()).isEqualTo(3);
        assertThat(dispatcher.deadLetters(10)).singleElement().satisfies(dead -> {
            assertThat(dead.id()).isEqualTo(id);
            assertThat(dead.attempts()).isEqualTo(3);
            assertThat(dead.lastError()).isEqualTo("HTTP 500 (gave up after 3 attempts)");
        });
        assertThat(dispatcher.runDue().delivered()).isZero();

        assertThat(dispatcher.replay(id)).isTrue();
        assertThat(dispatcher.runDue().delivered()).isEqualTo(1);
        assertThat(dispatcher.deadLetters(10)).isEmpty();
    }

    @Test
    void aPermanentRefusalIsDeadLetteredAtOnce() {
        register(List.of(), List.of());
        receiver.enqueue(
                new MockResponse.Builder().code(410).body("endpoint disabled").build());

        dispatcher.publish(Fixtures.event("e1", EventType.SECURITY_ALERT, "checkout"));
        NotificationDispatcher.RunReport run = dispatcher.runDue();

        assertThat(run.deadLettered()).isEqualTo(1);
        assertThat(dispatcher.deadLetters(1).getFirst().lastError()).isEqualTo("HTTP 410: endpoint disabled");
        assertThat(receiver.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aFailingReceiverGetsOneProbeAtATimeAndNothingElseUntilItRecovers() {
        register(List.of(), List.of());
        for (int i = 0; i < 5; i++) {
            dispatcher.publish(Fixtures.event("e" + i, EventType.SECURITY_ALERT, "checkout"));
        }
        respond(503);

        NotificationDispatcher.RunReport first = dispatcher.runDue();

        assertThat(receiver.getRequestCount())
                .as("one failure, the other four wait")
                .isEqualTo(1);
        assertThat(first.retrying()).isEqualTo(1);
        assertThat(first.heldBack()).isEqualTo(4);
        assertThat(outbox.pending(10)).extracting(OutboxEntry::attempts).containsOnly(1, 0);

        clock.setTo(outbox.pending(10).getFirst().nextAttemptAt());
        respond(503);
        dispatcher.runDue();
        assertThat(receiver.getRequestCount()).as("one probe, failed").isEqualTo(2);

        clock.setTo(outbox.pending(10).getFirst().nextAttemptAt());
        respond(200, 200, 200, 200, 200);
        NotificationDispatcher.RunReport recovered = dispatcher.runDue();
        assertThat(recovered.delivered()).isEqualTo(5);
        assertThat(receiver.getRequestCount()).isEqualTo(7);
        assertThat(outbox.pending(10)).isEmpty();
    }

    @Test
    void aPrivateOrMetadataUrlIsRefusedAtRegistration() {
        NotificationDispatcher strict = NotificationDispatcher.builder()
                .clock(clock)
                .http(new GuardedHttp(UrlGuard.strict()))
                .build();

        WebhookRegistry.Registration metadata =
                strict.webhooks().register("http://169.254.169.254/latest/meta-data/", List.of(), List.of(), "", null);
        WebhookRegistry.Registration loopback = strict.webhooks().register(url, List.of(), List.of(), "", null);
        WebhookRegistry.Registration scheme =
                strict.webhooks().register("file:///etc/passwd", List.of(), List.of(), "", null);

        assertThat(metadata)
                .isEqualTo(
                        new WebhookRegistry.Refused(
                                "SSRF_METADATA_ADDRESS",
                                "webhook URL refused: 169.254.169.254 is a cloud metadata (AWS, GCP, Azure, OpenStack …) address"));
        assertThat(loopback)
                .isInstanceOfSatisfying(
                        WebhookRegistry.Refused.class, r -> assertThat(r.code()).isEqualTo("SSRF_FORBIDDEN_ADDRESS"));
        assertThat(scheme)
                .isInstanceOfSatisfying(
                        WebhookRegistry.Refused.class, r -> assertThat(r.code()).isEqualTo("SSRF_SCHEME_NOT_ALLOWED"));
        assertThat(strict.webhooks().list()).isEmpty();
    }

    @Test
    void aNameThatRebindsToAPrivateAddressAfterRegistrationIsDeadLetteredUnsent() {
        var dns = new dev.arf.notify.net.FakeDns()
                .answers("hooks.example.com", List.of("93.184.215.14"), List.of("127.0.0.1"));
        NotificationDispatcher guarded = NotificationDispatcher.builder()
                .clock(clock)
                .outbox(outbox)
                .http(new GuardedHttp(new UrlGuard(AllowList.none(), dns)))
                .executor(Runnable::run)
                .build();
        assertThat(guarded.webhooks()
                        .register(
                                "http://hooks.example.com:" + receiver.getPort() + "/", List.of(), List.of(), "", null))
                .isInstanceOf(WebhookRegistry.Registered.class);

        guarded.publish(Fixtures.event("e1", EventType.SECURITY_ALERT, "checkout"));
        guarded.runDue();

        assertThat(receiver.getRequestCount()).isZero();
        assertThat(guarded.deadLetters(1).getFirst().lastError())
                .startsWith("SSRF_FORBIDDEN_ADDRESS: 'hooks.example.com' (127.0.0.1) is loopback");
    }

    @Test
    void unknownEventTypesAreRefusedAtRegistration() {
        WebhookRegistry.Registration r =
                dispatcher.webhooks().register(url, List.of("anomaly_detected", "everything"), List.of(), "", null);

        assertThat(r)
                .isInstanceOfSatisfying(
                        WebhookRegistry.Refused.class,
                        refused -> assertThat(refused.message())
                                .startsWith(
                                        "unknown event type 'everything'; known: incident_state_changed, automated_remediation_triggered"));
    }

    @Test
    void deliveriesToARemovedSubscriptionAreDeadLettered() {
        WebhookRegistry.Registered registered = register(List.of(), List.of());
        dispatcher.publish(Fixtures.event("e1", EventType.SECURITY_ALERT, "checkout"));

        assertThat(dispatcher.webhooks().remove(registered.subscription().id())).isTrue();
        dispatcher.runDue();

        assertThat(receiver.getRequestCount()).isZero();
        assertThat(dispatcher.deadLetters(1).getFirst().lastError()).startsWith("CHANNEL_GONE: webhook:wh_");
    }

    @Test
    void duringARotationEveryDeliveryCarriesBothSignatures() throws Exception {
        WebhookRegistry.Registered registered = register(List.of(), List.of());
        var fresh = dispatcher
                .webhooks()
                .rotateSecret(registered.subscription().id())
                .orElseThrow();
        respond(200, 200);

        dispatcher.publish(Fixtures.event("e1", EventType.SECURITY_ALERT, "checkout"));
        dispatcher.runDue();
        RecordedRequest during = receiver.takeRequest();
        dispatcher.webhooks().endRotation(registered.subscription().id());
        dispatcher.publish(Fixtures.event("e2", EventType.SECURITY_ALERT, "checkout"));
        dispatcher.runDue();
        RecordedRequest after = receiver.takeRequest();

        String id = during.getHeaders().get("webhook-id");
        String ts = during.getHeaders().get("webhook-timestamp");
        String body = during.getBody().utf8();
        assertThat(during.getHeaders().get("webhook-signature"))
                .isEqualTo(Fixtures.expectedSignature(fresh.reveal(), id, ts, body) + " "
                        + Fixtures.expectedSignature(registered.secret().reveal(), id, ts, body));
        assertThat(after.getHeaders().get("webhook-signature").split(" ")).hasSize(1);
    }
}
