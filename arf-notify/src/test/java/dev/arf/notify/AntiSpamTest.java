package dev.arf.notify;

import static dev.arf.notify.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.incident.IncidentState;
import dev.arf.core.notify.InMemoryDeliveryOutbox;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 001: at most one alert per incident per hour (per channel, configurable); state changes still go out. */
class AntiSpamTest {
    private final VirtualClock clock = new VirtualClock(T0);
    private final InMemoryDeliveryOutbox outbox = new InMemoryDeliveryOutbox();
    private final RecordingChannel slack = new RecordingChannel("slack");
    private final RecordingChannel pagerDuty = new RecordingChannel("pagerduty");

    private NotificationDispatcher dispatcher(Duration interval) {
        return NotificationDispatcher.builder()
                .clock(clock)
                .outbox(outbox)
                .integrations(List.of(slack, pagerDuty))
                .antiSpamInterval(interval)
                .executor(Runnable::run)
                .build();
    }

    @Test
    void aSecondAlertAboutTheSameIncidentWithinTheHourIsHeldBackOnEveryChannel() {
        NotificationDispatcher arf = dispatcher(Duration.ofHours(1));
        arf.publish(Fixtures.incident("e1", "INC-1", IncidentState.OPEN));
        clock.advance(Duration.ofMinutes(59));

        PublishReport again = arf.publish(Fixtures.incident("e2", "INC-1", IncidentState.OPEN));

        assertThat(again.queued()).isEmpty();
        assertThat(again.suppressed())
                .extracting(PublishReport.Suppressed::channel)
                .containsExactly("slack", "pagerduty");
        assertThat(again.suppressed().getFirst().reason())
                .startsWith(
                        "ALERT_SUPPRESSED_ANTI_SPAM: slack had an alert about incident INC-1 at 2026-03-01T10:00:00Z");
        arf.runDue();
        assertThat(slack.sent).hasSize(1);
    }

    @Test
    void afterTheIntervalTheIncidentAlertsAgain() {
        NotificationDispatcher arf = dispatcher(Duration.ofHours(1));
        arf.publish(Fixtures.incident("e1", "INC-1", IncidentState.OPEN));
        clock.advance(Duration.ofMinutes(60));

        assertThat(arf.publish(Fixtures.incident("e2", "INC-1", IncidentState.OPEN))
                        .queued())
                .hasSize(2);
    }

    @Test
    void aChangeOfStateAlwaysGoesOut() {
        NotificationDispatcher arf = dispatcher(Duration.ofHours(1));
        arf.publish(Fixtures.incident("e1", "INC-1", IncidentState.OPEN));
        clock.advance(Duration.ofMinutes(5));

        PublishReport mitigating = arf.publish(Fixtures.incident("e2", "INC-1", IncidentState.MITIGATING));
        clock.advance(Duration.ofMinutes(1));
        PublishReport repeated = arf.publish(Fixtures.incident("e3", "INC-1", IncidentState.MITIGATING));
        clock.advance(Duration.ofMinutes(1));
        PublishReport resolved = arf.publish(Fixtures.incident("e4", "INC-1", IncidentState.RESOLVED));

        assertThat(mitigating.queued()).hasSize(2);
        assertThat(repeated.queued()).isEmpty();
        assertThat(resolved.queued()).hasSize(2);
    }

    @Test
    void otherIncidentsAndEventsWithoutAnIncidentAreNotHeldBack() {
        NotificationDispatcher arf = dispatcher(Duration.ofHours(1));
        arf.publish(Fixtures.incident("e1", "INC-1", IncidentState.OPEN));

        assertThat(arf.publish(Fixtures.incident("e2", "INC-2", IncidentState.OPEN))
                        .queued())
                .hasSize(2);
        assertThat(arf.publish(Fixtures.event("e3", EventType.SECURITY_ALERT, "checkout"))
                        .queued())
                .hasSize(2);
        assertThat(arf.publish(Fixtures.event("e4", EventType.SECURITY_ALERT, "checkout"))
                        .queued())
                .hasSize(2);
    }

    @Test
    void theIntervalIsConfigurableAndZeroTurnsTheRuleOff() {
        NotificationDispatcher fiveMinutes = dispatcher(Duration.ofMinutes(5));
        fiveMinutes.publish(Fixtures.incident("e1", "INC-1", IncidentState.OPEN));
        clock.advance(Duration.ofMinutes(5));
        assertThat(fiveMinutes
                        .publish(Fixtures.incident("e2", "INC-1", IncidentState.OPEN))
                        .queued())
                .hasSize(2);

        NotificationDispatcher off = dispatcher(Duration.ZERO);
        assertThat(off.publish(Fixtures.incident("e3", "INC-1", IncidentState.OPEN))
                        .queued())
                .hasSize(2);
    }

    @Test
    void theRuleRemembersAcrossARestartBecauseItReadsTheOutbox() {
        dispatcher(Duration.ofHours(1)).publish(Fixtures.incident("e1", "INC-1", IncidentState.OPEN));
        clock.advance(Duration.ofMinutes(30));

        NotificationDispatcher restarted = dispatcher(Duration.ofHours(1));

        assertThat(restarted
                        .publish(Fixtures.incident("e2", "INC-1", IncidentState.OPEN))
                        .suppressed())
                .hasSize(2);
    }

    @Test
    void webhookSubscribersGetEveryEventAsAFeed() {
        NotificationDispatcher arf = NotificationDispatcher.builder()
                .clock(clock)
                .outbox(outbox)
                .http(Fixtures.loopbackHttp())
                .executor(Runnable::run)
                .build();
        arf.webhooks().register("http://127.0.0.1:9/hook", List.of(), List.of(), "", null);

        arf.publish(Fixtures.incident("e1", "INC-1", IncidentState.OPEN));
        PublishReport again = arf.publish(Fixtures.incident("e2", "INC-1", IncidentState.OPEN));

        assertThat(again.queued()).hasSize(1);
        assertThat(again.suppressed()).isEmpty();
    }
}
