package dev.arf.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.detect.Severity;
import dev.arf.core.incident.IncidentState;
import dev.arf.notify.EventType;
import dev.arf.notify.Notification;
import dev.arf.server.events.ArfEvent;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineNotificationsTest {
    private static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");

    private static ArfEvent event(long seq, String type, Map<String, String> details) {
        return new ArfEvent(seq, AT, type, "checkout", "engine", details);
    }

    @Test
    void anOpenedIncidentIsAnIncidentStateChangeWithItsSeverity() {
        Notification n = EngineNotifications.notificationOf(
                        event(7, "INCIDENT_OPENED", Map.of("incident", "INC-1", "severity", "critical")))
                .orElseThrow();
        assertThat(n.id()).isEqualTo("audit-7");
        assertThat(n.type()).isEqualTo(EventType.INCIDENT_STATE_CHANGED);
        assertThat(n.incidentState()).isEqualTo(IncidentState.OPEN);
        assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(n.incidentId()).isEqualTo("INC-1");
        assertThat(n.service()).isEqualTo("checkout");
        assertThat(n.payload().get("audit_event").asString()).isEqualTo("INCIDENT_OPENED");
    }

    @Test
    void refusalsOfForbiddenActionsAndApprovalRequestsAreNotified() {
        assertThat(EngineNotifications.notificationOf(
                                event(8, "SECURITY_ALERT", Map.of("action", "rollback", "proposed_by", "agent:x")))
                        .orElseThrow()
                        .type())
                .isEqualTo(EventType.SECURITY_ALERT);
        assertThat(EngineNotifications.notificationOf(event(9, "APPROVAL_REQUESTED", Map.of("approval", "APR-1")))
                        .orElseThrow()
                        .type())
                .isEqualTo(EventType.APPROVAL_REQUESTED);
        assertThat(EngineNotifications.notificationOf(event(10, "INCIDENT_RESOLVED", Map.of("incident", "INC-1")))
                        .orElseThrow()
                        .incidentState())
                .isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void bookkeepingEventsAreNotNotified() {
        assertThat(EngineNotifications.notificationOf(event(11, "POLICY_DECISION", Map.of())))
                .isEmpty();
        assertThat(EngineNotifications.notificationOf(event(12, "API_TOKEN_CREATED", Map.of())))
                .isEmpty();
    }

    @Test
    void aListedUrlShowsItsHostAndFirstSegmentOnly() {
        assertThat(NotificationRoutes.masked(URI.create("https://hooks.slack.com/services/T0/B0/XYZ")))
                .isEqualTo("https://hooks.slack.com/services/****/****/****");
        assertThat(NotificationRoutes.masked(URI.create("http://10.0.0.1:8080/arf?key=abc")))
                .isEqualTo("http://10.0.0.1:8080/arf?****");
        assertThat(NotificationRoutes.masked(URI.create("https://example.com"))).isEqualTo("https://example.com");
    }
}
