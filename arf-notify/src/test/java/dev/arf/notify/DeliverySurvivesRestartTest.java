package dev.arf.notify;

import static dev.arf.notify.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.incident.IncidentState;
import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.time.VirtualClock;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries and subscriptions live in the embedded store: after ARF stops with a delivery pending,
 * the next ARF on the same data directory sends it — same webhook-id, same body, same secret.
 */
class DeliverySurvivesRestartTest {
    @TempDir
    Path dataDir;

    private final MockWebServer receiver = new MockWebServer();
    private final VirtualClock clock = new VirtualClock(T0);

    @BeforeEach
    void start() throws Exception {
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private NotificationDispatcher arf(JdbcReliabilityStore store) {
        return NotificationDispatcher.builder()
                .clock(clock)
                .outbox(store.outbox())
                .subscriptions(store.webhookSubscriptions())
                .http(Fixtures.loopbackHttp())
                .random(new Random(3))
                .executor(Runnable::run)
                .build();
    }

    @Test
    void aDeliveryThatFailedBeforeARestartIsSentAfterItWithTheSameIdAndBody() throws Exception {
        String secret;
        String id;
        OutboxEntry before;
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            NotificationDispatcher first = arf(store);
            secret = ((WebhookRegistry.Registered) first.webhooks()
                            .register(
                                    "http://127.0.0.1:" + receiver.getPort() + "/hook", List.of(), List.of(), "", null))
                    .secret()
                    .reveal();
            receiver.enqueue(new MockResponse.Builder().code(503).build());
            id = first.publish(Fixtures.incident("evt-1", "INC-1", IncidentState.OPEN))
                    .queued()
                    .getFirst()
                    .deliveryId();
            first.runDue();
            before = store.outbox().find(id).orElseThrow();
        }

        receiver.enqueue(new MockResponse.Builder().code(200).build());
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            NotificationDispatcher second = arf(store);
            clock.setTo(before.nextAttemptAt());
            assertThat(second.runDue().delivered()).isEqualTo(1);
        }

        RecordedRequest failed = receiver.takeRequest();
        RecordedRequest delivered = receiver.takeRequest();
        assertThat(delivered.getHeaders().get("webhook-id"))
                .isEqualTo(failed.getHeaders().get("webhook-id"))
                .isEqualTo(id);
        assertThat(delivered.getBody().utf8())
                .isEqualTo(failed.getBody().utf8())
                .isEqualTo(before.body());
        assertThat(delivered.getHeaders().get("webhook-signature"))
                .isEqualTo(Fixtures.expectedSignature(
                        secret,
                        id,
                        delivered.getHeaders().get("webhook-timestamp"),
                        delivered.getBody().utf8()));
    }

    @Test
    void aDeliveryQueuedButNeverAttemptedBeforeARestartIsSentAfterIt() {
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            NotificationDispatcher first = arf(store);
            first.webhooks()
                    .register("http://127.0.0.1:" + receiver.getPort() + "/hook", List.of(), List.of(), "", null);
            first.publish(Fixtures.event("evt-2", EventType.SECURITY_ALERT, "checkout"));
        }
        receiver.enqueue(new MockResponse.Builder().code(202).build());

        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            assertThat(arf(store).runDue().delivered()).isEqualTo(1);
        }
        assertThat(receiver.getRequestCount()).isEqualTo(1);
    }
}
