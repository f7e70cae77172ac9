package dev.arf.notify;

import static dev.arf.notify.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.arf.core.incident.IncidentState;
import dev.arf.core.notify.InMemoryDeliveryOutbox;
import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.notify.Secret;
import dev.arf.core.time.VirtualClock;
import dev.arf.notify.net.AllowList;
import dev.arf.notify.net.HostResolver;
import dev.arf.notify.net.UrlGuard;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Slack, PagerDuty, Jira and e-mail, each against a local receiver that checks the documented wire format. */
class IntegrationsTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
                    new ServerSetup(3025, "127.0.0.1", "smtp").dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("arf@example.com", "arf", "smtp-pass-canary"));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MockWebServer receiver = new MockWebServer();
    private final VirtualClock clock = new VirtualClock(T0);
    private final InMemoryDeliveryOutbox outbox = new InMemoryDeliveryOutbox();
    private String base;

    @BeforeEach
    void start() throws Exception {
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
        base = "http://127.0.0.1:" + receiver.getPort();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private NotificationDispatcher with(Channel channel) {
        return NotificationDispatcher.builder()
                .clock(clock)
                .outbox(outbox)
                .http(Fixtures.loopbackHttp())
                .integration(channel)
                .random(new Random(11))
                .executor(Runnable::run)
                .build();
    }

    private static JsonNode json(RecordedRequest r) {
        return JSON.readTree(r.getBody().utf8());
    }

    @Test
    void slackGetsABlockKitMessageAtItsIncomingWebhook() throws Exception {
        NotificationDispatcher arf =
                with(new SlackChannel(Secret.of(base + "/services/T000/B000/XXXX"), Set.of(), Fixtures.loopbackHttp()));
        receiver.enqueue(new MockResponse.Builder().code(200).body("ok").build());

        arf.publish(Fixtures.incident("e1", "INC-7", IncidentState.OPEN));
        assertThat(arf.runDue().delivered()).isEqualTo(1);

        RecordedRequest request = receiver.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/services/T000/B000/XXXX");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = json(request);
        assertThat(body.path("text").asString())
                .isEqualTo("🔴 CRITICAL · incident state changed: checkout: p99 latency 850 ms (threshold 500 ms)");
        JsonNode blocks = body.path("blocks");
        assertThat(blocks.get(0).path("type").asString()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("type").asString()).isEqualTo("plain_text");
        assertThat(blocks.get(1).path("type").asString()).isEqualTo("section");
        assertThat(blocks.get(1).path("text").path("type").asString()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).path("fields"))
                .extracting(f -> f.path("text").asString())
                .containsExactly("*Service*\ncheckout", "*Incident*\nINC-7", "*State*\nopen", "*Severity*\ncritical");
        assertThat(blocks.get(2).path("type").asString()).isEqualTo("context");
    }

    @Test
    void slackRefusingThePayloadIsFinalAndItsRateLimitIsHonoured() {
        NotificationDispatcher arf =
                with(new SlackChannel(Secret.of(base + "/services/T/B/X"), Set.of(), Fixtures.loopbackHttp()));
        receiver.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "30")
                .body("rate_limited")
                .build());
        receiver.enqueue(
                new MockResponse.Builder().code(400).body("invalid_blocks").build());

        String id = arf.publish(Fixtures.event("e1", EventType.SECURITY_ALERT, "checkout"))
                .queued()
                .getFirst()
                .deliveryId();
        arf.runDue();
        assertThat(outbox.find(id).orElseThrow().nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        clock.setTo(T0.plusSeconds(30));
        arf.runDue();

        assertThat(arf.deadLetters(1).getFirst().lastError()).isEqualTo("HTTP 400: invalid_blocks");
    }

    private PagerDutyChannel pagerDuty(int perMinute) {
        return new PagerDutyChannel(
                Secret.of("R0UT1NGKEYCANARY00000000000000000"), base, Set.of(), perMinute, Fixtures.loopbackHttp());
    }

    @Test
    void pagerDutyTriggersAcknowledgesAndResolvesOneAlertPerIncident() throws Exception {
        NotificationDispatcher arf = with(pagerDuty(120));
        for (int i = 0; i < 3; i++) {
            receiver.enqueue(new MockResponse.Builder()
                    .code(202)
                    .body("{\"status\":\"success\",\"message\":\"Event processed\"}")
                    .build());
        }

        arf.publish(Fixtures.incident("e1", "INC-7", IncidentState.OPEN));
        arf.publish(Fixtures.incident("e2", "INC-7", IncidentState.ACKNOWLEDGED));
        arf.publish(Fixtures.incident("e3", "INC-7", IncidentState.RESOLVED));
        assertThat(arf.runDue().delivered()).isEqualTo(3);

        RecordedRequest trigger = receiver.takeRequest();
        assertThat(trigger.getTarget()).isEqualTo("/v2/enqueue");
        JsonNode t = json(trigger);
        assertThat(t.path("routing_key").asString()).isEqualTo("R0UT1NGKEYCANARY00000000000000000");
        assertThat(t.path("event_action").asString()).isEqualTo("trigger");
        assertThat(t.path("dedup_key").asString()).isEqualTo("arf-INC-7");
        assertThat(t.path("payload").path("summary").asString())
                .isEqualTo("checkout: p99 latency 850 ms (threshold 500 ms)");
        assertThat(t.path("payload").path("source").asString()).isEqualTo("checkout");
        assertThat(t.path("payload").path("severity").asString()).isEqualTo("critical");
        assertThat(t.path("payload").path("timestamp").asString()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(t.path("payload")
                        .path("custom_details")
                        .path("latency_p99_ms")
                        .asInt())
                .isEqualTo(850);
        JsonNode ack = json(receiver.takeRequest());
        JsonNode resolve = json(receiver.takeRequest());
        assertThat(ack.path("event_action").asString()).isEqualTo("acknowledge");
        assertThat(resolve.path("event_action").asString()).isEqualTo("resolve");
        assertThat(List.of(
                        ack.path("dedup_key").asString(),
                        resolve.path("dedup_key").asString()))
                .containsOnly("arf-INC-7");
        assertThat(outbox.find(NotificationDispatcher.deliveryId("e1", "pagerduty"))
                        .orElseThrow()
                        .body())
                .as("the routing key is never stored")
                .doesNotContain("R0UT1NGKEY");
    }

    @Test
    void pagerDutyInvalidEventIsNotRetriedButThrottlingAndServerErrorsAre() {
        NotificationDispatcher arf = with(pagerDuty(120));
        receiver.enqueue(new MockResponse.Builder()
                .code(400)
                .body("{\"status\":\"invalid event\"}")
                .build());
        String bad = arf.publish(Fixtures.incident("e1", "INC-1", IncidentState.OPEN))
                .queued()
                .getFirst()
                .deliveryId();
        arf.runDue();
        assertThat(arf.deadLetters(10)).extracting(OutboxEntry::id).containsExactly(bad);
        assertThat(receiver.getRequestCount()).isEqualTo(1);

        receiver.enqueue(new MockResponse.Builder().code(429).build());
        receiver.enqueue(new MockResponse.Builder().code(502).build());
        receiver.enqueue(new MockResponse.Builder().code(202).build());
        String id = arf.publish(Fixtures.incident("e2", "INC-2", IncidentState.OPEN))
                .queued()
                .getFirst()
                .deliveryId();
        for (int i = 0; i < 3; i++) {
            arf.runDue();
            clock.setTo(outbox.find(id).orElseThrow().nextAttemptAt());
        }
        assertThat(outbox.find(id).orElseThrow().attempts()).isEqualTo(3);
        assertThat(arf.deadLetters(10)).hasSize(1);
        assertThat(receiver.getRequestCount()).isEqualTo(4);
    }

    @Test
    void pagerDutySendsArePacedByItsRateLimitWithoutSpendingAttempts() {
        NotificationDispatcher arf = with(pagerDuty(2));
        for (int i = 0; i < 3; i++) {
            receiver.enqueue(new MockResponse.Builder().code(202).build());
            arf.publish(Fixtures.incident("e" + i, "INC-" + i, IncidentState.OPEN));
        }

        NotificationDispatcher.RunReport first = arf.runDue();

        assertThat(first.delivered()).isEqualTo(2);
        assertThat(first.heldBack()).isEqualTo(1);
        OutboxEntry waiting = arf.pending(1).getFirst();
        assertThat(waiting.attempts()).isZero();
        assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        clock.setTo(waiting.nextAttemptAt());
        assertThat(arf.runDue().delivered()).isEqualTo(1);
    }

    @Test
    void theDedupKeyIsTheSameAfterARestart() {
        var n = Fixtures.incident("e1", "INC-42", IncidentState.OPEN);

        assertThat(pagerDuty(120).render(n)).isEqualTo(pagerDuty(120).render(n));
        assertThat(PagerDutyChannel.dedupKey(n)).isEqualTo("arf-INC-42");
    }

    @Test
    void jiraGetsAnIssueWithAnAdfDescriptionAndBasicAuth() throws Exception {
        NotificationDispatcher arf = with(new JiraChannel(
                base,
                "arf-bot@example.com",
                Secret.of("jira-token-canary"),
                "OPS",
                "Incident",
                Set.of(),
                Fixtures.loopbackHttp()));
        receiver.enqueue(new MockResponse.Builder()
                .code(201)
                .body("{\"id\":\"10000\",\"key\":\"OPS-1\"}")
                .build());

        arf.publish(Fixtures.incident("e1", "INC-7", IncidentState.OPEN));
        arf.publish(Fixtures.incident("e2", "INC-7", IncidentState.RESOLVED));
        assertThat(arf.runDue().delivered()).isEqualTo(1);

        RecordedRequest request = receiver.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/rest/api/3/issue");
        assertThat(request.getHeaders().get("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        "arf-bot@example.com:jira-token-canary".getBytes(StandardCharsets.UTF_8)));
        JsonNode fields = json(request).path("fields");
        assertThat(fields.path("project").path("key").asString()).isEqualTo("OPS");
        assertThat(fields.path("issuetype").path("name").asString()).isEqualTo("Incident");
        assertThat(fields.path("summary").asString())
                .isEqualTo("[ARF] checkout: p99 latency 850 ms (threshold 500 ms)");
        assertThat(fields.path("labels")).extracting(JsonNode::asString).containsExactly("arf", "arf-INC-7");
        JsonNode doc = fields.path("description");
        assertThat(doc.path("type").asString()).isEqualTo("doc");
        assertThat(doc.path("version").asInt()).isEqualTo(1);
        assertThat(doc.path("content"))
                .extracting(c -> c.path("type").asString())
                .containsExactly("paragraph", "bulletList", "codeBlock");
        assertThat(doc.path("content")
                        .get(1)
                        .path("content")
                        .get(1)
                        .path("type")
                        .asString())
                .isEqualTo("listItem");
        assertThat(receiver.getRequestCount())
                .as("a resolve opens no second issue")
                .isEqualTo(1);
    }

    @Test
    void emailIsSentThroughSmtpWithAuthentication() throws Exception {
        int port = SMTP.getSmtp().getPort();
        UrlGuard guard = new UrlGuard(AllowList.of(List.of("127.0.0.1")), HostResolver.SYSTEM);
        EmailChannel email = new EmailChannel(
                new EmailChannel.Smtp(
                        "127.0.0.1",
                        port,
                        false,
                        "arf",
                        Secret.of("smtp-pass-canary"),
                        "arf@example.com",
                        List.of("oncall@example.com", "sre@example.com")),
                Set.of(),
                guard);
        NotificationDispatcher arf = with(email);

        String id = arf.publish(Fixtures.incident("e1", "INC-7", IncidentState.OPEN))
                .queued()
                .getFirst()
                .deliveryId();
        assertThat(arf.runDue().delivered()).isEqualTo(1);

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("[ARF] CRITICAL checkout: p99 latency 850 ms (threshold 500 ms)");
        assertThat(m.getFrom()[0].toString()).isEqualTo("arf@example.com");
        assertThat(m.getAllRecipients())
                .extracting(Object::toString)
                .containsExactly("oncall@example.com", "sre@example.com");
        assertThat(m.getMessageID()).isEqualTo("<" + id + "@arf>");
        assertThat(((String) m.getContent()).replace("\r\n", "\n"))
                .contains("Incident:   INC-7\n")
                .contains("\"latency_p99_ms\" : 850");
    }

    @Test
    void emailWithAWrongPasswordIsDeadLetteredWithoutShowingIt() {
        int port = SMTP.getSmtp().getPort();
        UrlGuard guard = new UrlGuard(AllowList.of(List.of("127.0.0.1")), HostResolver.SYSTEM);
        NotificationDispatcher arf = with(new EmailChannel(
                new EmailChannel.Smtp(
                        "127.0.0.1",
                        port,
                        false,
                        "arf",
                        Secret.of("wrong-pass-canary"),
                        "arf@example.com",
                        List.of("oncall@example.com")),
                Set.of(),
                guard));

        arf.publish(Fixtures.incident("e1", "INC-7", IncidentState.OPEN));
        arf.runDue();

        assertThat(arf.deadLetters(1).getFirst().lastError())
                .startsWith("SMTP authentication refused")
                .doesNotContain("wrong-pass-canary");
    }

    @Test
    void anSmtpServerOnAPrivateAddressIsRefusedUnlessAllowListed() {
        NotificationDispatcher arf = with(new EmailChannel(
                new EmailChannel.Smtp(
                        "127.0.0.1",
                        SMTP.getSmtp().getPort(),
                        false,
                        null,
                        null,
                        "arf@example.com",
                        List.of("oncall@example.com")),
                Set.of(),
                new UrlGuard(AllowList.none(), HostResolver.SYSTEM)));

        arf.publish(Fixtures.incident("e1", "INC-7", IncidentState.OPEN));
        arf.runDue();

        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(arf.deadLetters(1).getFirst().lastError()).startsWith("SSRF_FORBIDDEN_ADDRESS");
    }

    @Test
    void retriesSpreadOverTimeNotAllAtOnce() {
        RetryPolicy policy = RetryPolicy.defaults();
        Random random = new Random(5);
        List<Duration> waits = java.util.stream.IntStream.rangeClosed(1, 8)
                .mapToObj(n -> policy.backoff(n, random))
                .toList();

        for (int n = 1; n <= 8; n++) {
            long base = Math.min(3_600_000L, 5_000L << (n - 1));
            assertThat(waits.get(n - 1).toMillis()).as("attempt " + n).isBetween(base / 2, base);
        }
    }
}
