package dev.arf.server.notify;

import dev.arf.core.detect.Severity;
import dev.arf.core.incident.IncidentState;
import dev.arf.notify.EventType;
import dev.arf.notify.Notification;
import dev.arf.notify.Notifier;
import dev.arf.server.events.ArfEvent;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the engine's audit events (from the {@link dev.arf.server.events.EventBus}) into notifications:
 *
 * <table>
 *   <caption>audit event → notification</caption>
 *   <tr><th>audit event</th><th>notification type</th></tr>
 *   <tr><td>INCIDENT_OPENED / _ACKNOWLEDGED / _RESOLVED</td><td>incident_state_changed (open, acknowledged, resolved)</td></tr>
 *   <tr><td>SECURITY_ALERT (a forbidden action was refused)</td><td>security_alert</td></tr>
 *   <tr><td>APPROVAL_REQUESTED</td><td>approval_requested</td></tr>
 *   <tr><td>ORCH_INTENT</td><td>automated_remediation_triggered</td></tr>
 *   <tr><td>ORCH_EXEC, ORCH_FAILED</td><td>healing_action</td></tr>
 *   <tr><td>RUNTIME_EMIT (the anomaly that opened an incident)</td><td>anomaly_detected</td></tr>
 * </table>
 *
 * <p>The notification id is {@code audit-<sequence>}: publishing the same record twice queues it once.
 * Publishing writes the outbox rows (delivery happens later, in the dispatcher's loop); a failure is
 * logged and never reaches the engine.
 */
public final class EngineNotifications implements Consumer<ArfEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(EngineNotifications.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Notifier notifier;

    public EngineNotifications(Notifier notifier) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    @Override
    public void accept(ArfEvent event) {
        Optional<Notification> n = notificationOf(event);
        if (n.isEmpty()) {
            return;
        }
        try {
            notifier.publish(n.get());
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not queue notification {} ({}): {}",
                    n.get().id(),
                    event.type(),
                    e.getClass().getName());
        }
    }

    /** The notification an audit event becomes, if any. */
    public static Optional<Notification> notificationOf(ArfEvent e) {
        Map<String, String> d = e.details();
        String service = e.subject();
        String incident = emptyToNull(d.get("incident"));
        return switch (e.type()) {
            case "INCIDENT_OPENED" ->
                Optional.of(of(
                        e,
                        EventType.INCIDENT_STATE_CHANGED,
                        incident,
                        IncidentState.OPEN,
                        severity(d.get("severity"), Severity.HIGH),
                        service + ": incident " + incident + " opened"));
            case "INCIDENT_ACKNOWLEDGED" ->
                Optional.of(of(
                        e,
                        EventType.INCIDENT_STATE_CHANGED,
                        incident,
                        IncidentState.ACKNOWLEDGED,
                        Severity.MEDIUM,
                        service + ": incident " + incident + " acknowledged by " + e.actor()));
            case "INCIDENT_RESOLVED" ->
                Optional.of(of(
                        e,
                        EventType.INCIDENT_STATE_CHANGED,
                        incident,
                        IncidentState.RESOLVED,
                        Severity.LOW,
                        service + ": incident " + incident + " resolved by " + e.actor()));
            case "SECURITY_ALERT" ->
                Optional.of(of(
                        e,
                        EventType.SECURITY_ALERT,
                        incident,
                        null,
                        Severity.CRITICAL,
                        service + ": forbidden action " + d.getOrDefault("action", "?") + " proposed by "
                                + d.getOrDefault("proposed_by", e.actor()) + " was refused"));
            case "APPROVAL_REQUESTED" ->
                Optional.of(of(
                        e,
                        EventType.APPROVAL_REQUESTED,
                        null,
                        null,
                        Severity.HIGH,
                        service + ": " + d.getOrDefault("action", "an action") + " waits for approval "
                                + d.getOrDefault("approval", "")));
            case "ORCH_INTENT" ->
                Optional.of(of(
                        e,
                        EventType.AUTOMATED_REMEDIATION_TRIGGERED,
                        incident,
                        null,
                        Severity.MEDIUM,
                        service + ": " + d.getOrDefault("action", "an action") + " started"));
            case "ORCH_EXEC", "ORCH_FAILED" ->
                Optional.of(of(
                        e,
                        EventType.HEALING_ACTION,
                        incident,
                        null,
                        e.type().equals("ORCH_EXEC") ? Severity.LOW : Severity.HIGH,
                        service + ": " + d.getOrDefault("action", "an action")
                                + (e.type().equals("ORCH_EXEC") ? " done" : " failed")));
            case "RUNTIME_EMIT" ->
                Optional.of(of(
                        e,
                        EventType.ANOMALY_DETECTED,
                        incident,
                        null,
                        Severity.HIGH,
                        service + ": anomaly (confidence " + d.getOrDefault("confidence", "?") + ")"));
            default -> Optional.empty();
        };
    }

    private static Notification of(
            ArfEvent e, EventType type, String incident, IncidentState state, Severity severity, String summary) {
        Map<String, Object> payload = new TreeMap<>(e.details());
        payload.put("audit_sequence", e.sequence());
        payload.put("audit_event", e.type());
        payload.put("actor", e.actor() == null ? "" : e.actor());
        return new Notification(
                "audit-" + e.sequence(),
                type,
                emptyToNull(e.subject()),
                incident,
                state,
                severity,
                summary,
                e.at(),
                JSON.writeValueAsString(payload));
    }

    private static Severity severity(String key, Severity fallback) {
        if (key == null) {
            return fallback;
        }
        try {
            return Severity.valueOf(key.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            return fallback;
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
