package dev.arf.notify;

import static dev.arf.notify.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.incident.IncidentState;
import dev.arf.core.notify.InMemoryDeliveryOutbox;
import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.notify.Secret;
import dev.arf.core.time.VirtualClock;
import dev.arf.notify.net.AllowList;
import dev.arf.notify.net.HostResolver;
import dev.arf.notify.net.UrlGuard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canary secrets through every path: a hostile receiver echoes each request — headers, credentials,
 * body — back in its error answer, every delivery fails until it is dead-lettered, and no canary may
 * appear in a log line, a stored error, a dead letter, a queued body, a report or a toString.
 */
class SecretsCanaryTest {
    private static final String WEBHOOK_SECRET = "whsec_"
            + Base64.getEncoder().encodeToString("webhook-secret-canary-0123456".getBytes(StandardCharsets.UTF_8));
    private static final String SLACK_PATH = "/services/T0CANARY/B0CANARY/slackCanaryToken42";
    private static final String PD_KEY = "pdRoutingKeyCanary0000000000042";
    private static final String JIRA_TOKEN = "jiraApiTokenCanary42";
    private static final String SMTP_PASSWORD = "smtpPasswordCanary42";

    private final MockWebServer receiver = new MockWebServer();
    private final VirtualClock clock = new VirtualClock(T0);
    private final InMemoryDeliveryOutbox outbox = new InMemoryDeliveryOutbox();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void start() throws Exception {
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String echo = request.getTarget() + " " + request.getHeaders() + " "
                        + request.getBody().utf8();
                return new MockResponse.Builder()
                        .code(500)
                        .body(echo.replace('\n', ' '))
                        .build();
            }
        });
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
        stderr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setErr(stderr);
        receiver.close();
    }

    private static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void noCanarySecretAppearsAnywhere() {
        String base = "http://127.0.0.1:" + receiver.getPort();
        UrlGuard guard = new UrlGuard(AllowList.of(List.of("127.0.0.1")), HostResolver.SYSTEM);
        List<Channel> channels = List.of(
                new SlackChannel(Secret.of(base + SLACK_PATH), Set.of(), Fixtures.loopbackHttp()),
                new PagerDutyChannel(Secret.of(PD_KEY), base, Set.of(), 120, Fixtures.loopbackHttp()),
                new JiraChannel(
                        base, "bot@example.com", Secret.of(JIRA_TOKEN), "OPS", null, Set.of(), Fixtures.loopbackHttp()),
                new EmailChannel(
                        new EmailChannel.Smtp(
                                "127.0.0.1",
                                closedPort(),
                                false,
                                "arf",
                                Secret.of(SMTP_PASSWORD),
                                "arf@example.com",
                                List.of("a@example.com")),
                        Set.of(),
                        guard));
        NotificationDispatcher arf = NotificationDispatcher.builder()
                .clock(clock)
                .outbox(outbox)
                .http(Fixtures.loopbackHttp())
                .integrations(channels)
                .retryPolicy(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .random(new Random(1))
                .executor(Runnable::run)
                .build();
        var registered = arf.webhooks().register(base + "/hook", List.of(), List.of(), "", WEBHOOK_SECRET);
        var rejected = arf.webhooks().register(base + "/hook", List.of(), List.of(), "", "whsec_" + JIRA_TOKEN);

        List<String> seen = new ArrayList<>();
        seen.add(arf.publish(Fixtures.incident("e1", "INC-1", IncidentState.OPEN))
                .toString());
        for (int i = 0; i < 12; i++) { // one circuit for the shared receiver: one probe per run
            seen.add(arf.runDue().toString());
            clock.advance(Duration.ofMinutes(1));
        }

        List<OutboxEntry> dead = arf.deadLetters(100);
        assertThat(dead)
                .extracting(OutboxEntry::channel)
                .containsExactlyInAnyOrder(
                        "slack",
                        "pagerduty",
                        "jira",
                        "email",
                        "webhook:"
                                + ((WebhookRegistry.Registered) registered)
                                        .subscription()
                                        .id());
        dead.forEach(d -> {
            seen.add(d.toString());
            seen.add(d.lastError());
        });
        assertThat(dead)
                .filteredOn(d -> d.channel().equals("pagerduty"))
                .singleElement()
                .satisfies(d -> assertThat(d.lastError())
                        .as("the echo came back, masked")
                        .contains("\"routing_key\":\"****\""));
        seen.add(arf.pending(100).toString());
        seen.add(registered.toString());
        seen.add(rejected.toString());
        seen.add(arf.webhooks().list().toString());
        channels.forEach(c -> seen.add(c.toString()));
        seen.add(logs.toString(StandardCharsets.UTF_8));
        assertThat(logs.toString(StandardCharsets.UTF_8))
                .as("the failures were logged")
                .contains("dead-lettered");

        String jiraBasic =
                Base64.getEncoder().encodeToString(("bot@example.com:" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));
        String webhookKey = WEBHOOK_SECRET.substring("whsec_".length());
        for (String canary : List.of(
                WEBHOOK_SECRET,
                webhookKey,
                SLACK_PATH,
                "slackCanaryToken42",
                PD_KEY,
                JIRA_TOKEN,
                jiraBasic,
                SMTP_PASSWORD)) {
            assertThat(seen)
                    .as("canary %s", canary)
                    .allSatisfy(text -> assertThat(text).doesNotContain(canary));
        }
    }
}
