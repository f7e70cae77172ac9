package dev.arf.notify;

import static dev.arf.notify.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.config.NotificationsLoader;
import dev.arf.core.incident.IncidentState;
import dev.arf.core.notify.InMemoryDeliveryOutbox;
import dev.arf.core.notify.InMemoryWebhookSubscriptions;
import dev.arf.core.time.VirtualClock;
import dev.arf.notify.net.HostResolver;
import java.net.InetAddress;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** notifications.yaml to a working dispatcher: the allow-list, the integrations and the anti-spam interval take effect. */
class NotificationsFromConfigTest {
    @Test
    void aLoadedFileWiresSlackAndPagerDutyBehindTheAllowList() throws Exception {
        try (MockWebServer receiver = new MockWebServer()) {
            receiver.start(InetAddress.getByName("127.0.0.1"), 0);
            String base = "http://127.0.0.1:" + receiver.getPort();
            var config = new NotificationsLoader(Map.of("SLACK_URL", base + "/services/T/B/X", "PD_KEY", "k")::get)
                    .load("""
                    anti_spam: {interval: 2h}
                    ssrf: {allow: [127.0.0.1]}
                    slack: {webhook_url: "${SLACK_URL}"}
                    pagerduty: {routing_key: "${PD_KEY}", url: "%s"}
                    """.formatted(base), "notifications.yaml");
            VirtualClock clock = new VirtualClock(T0);
            NotificationDispatcher arf = Notifications.fromConfig(
                    config,
                    clock,
                    new InMemoryDeliveryOutbox(),
                    new InMemoryWebhookSubscriptions(),
                    HostResolver.SYSTEM);
            receiver.enqueue(new MockResponse.Builder().code(200).body("ok").build());
            receiver.enqueue(new MockResponse.Builder().code(200).body("ok").build());

            assertThat(arf.publish(Fixtures.incident("e1", "INC-1", IncidentState.OPEN))
                            .queued())
                    .hasSize(2);
            clock.advance(java.time.Duration.ofMinutes(90));
            assertThat(arf.publish(Fixtures.incident("e2", "INC-1", IncidentState.OPEN))
                            .suppressed())
                    .hasSize(2);
            assertThat(arf.runDue().delivered()).isEqualTo(2);
            // the two receivers run in parallel (the default executor): any order
            assertThat(java.util.List.of(
                            receiver.takeRequest().getTarget(),
                            receiver.takeRequest().getTarget()))
                    .containsExactlyInAnyOrder("/services/T/B/X", "/v2/enqueue");
        }
    }
}
