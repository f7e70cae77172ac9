package dev.arf.server.stream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one table from ARF's audit events to the event stream's names: seed 004's where one fits
 * ({@code incident_state_changed}, {@code automated_remediation_triggered}, …), seed 000's
 * ({@code anomaly_detected}, {@code healing_action}) and ARF's own ({@code approval_requested},
 * {@code security_alert}, …). An audit event not in the table is streamed as {@code audit_recorded}.
 * The same table is in arf-server/README.md.
 */
public final class StreamNames {
    public static final String INCIDENT_STATE_CHANGED = "incident_state_changed";
    public static final String AUTOMATED_REMEDIATION_TRIGGERED = "automated_remediation_triggered";
    public static final String SLO_VIOLATION_DETECTED = "slo_violation_detected";
    public static final String ERROR_BUDGET_THRESHOLD_CROSSED = "error_budget_threshold_crossed";
    public static final String ANOMALY_DETECTED = "anomaly_detected";
    public static final String HEALING_ACTION = "healing_action";
    public static final String ACTION_REFUSED = "action_refused";
    public static final String SECURITY_ALERT = "security_alert";
    public static final String APPROVAL_REQUESTED = "approval_requested";
    public static final String APPROVAL_DECIDED = "approval_decided";
    public static final String GOVERNANCE_CHANGED = "governance_changed";
    public static final String AUDIT_RECORDED = "audit_recorded";

    private static final Map<String, String> BY_AUDIT_EVENT = table();
    private static final Map<String, String> INCIDENT_STATES = Map.of(
            "INCIDENT_OPENED", "open",
            "INCIDENT_ACKNOWLEDGED", "acknowledged",
            "INCIDENT_RESOLVED", "resolved");

    private StreamNames() {}

    private static Map<String, String> table() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("INCIDENT_OPENED", INCIDENT_STATE_CHANGED);
        t.put("INCIDENT_ACKNOWLEDGED", INCIDENT_STATE_CHANGED);
        t.put("INCIDENT_RESOLVED", INCIDENT_STATE_CHANGED);
        t.put("RUNTIME_EMIT", ANOMALY_DETECTED);
        t.put("INCIDENT_INHIBITED", ANOMALY_DETECTED);
        t.put("ORCH_INTENT", AUTOMATED_REMEDIATION_TRIGGERED);
        t.put("ORCH_EXEC", HEALING_ACTION);
        t.put("ORCH_FAILED", HEALING_ACTION);
        t.put("VERIFICATION_PASSED", HEALING_ACTION);
        t.put("VERIFICATION_FAILED", HEALING_ACTION);
        t.put("ROLLBACK_TRIGGERED", HEALING_ACTION);
        t.put("ORCH_REFUSE", ACTION_REFUSED);
        t.put("SECURITY_ALERT", SECURITY_ALERT);
        t.put("APPROVAL_REQUESTED", APPROVAL_REQUESTED);
        t.put("APPROVAL_GRANTED", APPROVAL_DECIDED);
        t.put("APPROVAL_DENIED", APPROVAL_DECIDED);
        t.put("APPROVAL_EXPIRED", APPROVAL_DECIDED);
        t.put("APPROVAL_USED", APPROVAL_DECIDED);
        t.put("BLUEPRINT_AMENDED", GOVERNANCE_CHANGED);
        t.put("KILL_SWITCH_ENGAGED", GOVERNANCE_CHANGED);
        t.put("KILL_SWITCH_RELEASED", GOVERNANCE_CHANGED);
        return Map.copyOf(t);
    }

    /** The stream name of an audit event. */
    public static String nameOf(String auditEvent) {
        return BY_AUDIT_EVENT.getOrDefault(auditEvent, AUDIT_RECORDED);
    }

    /** For the incident events: the incident's state after it (open, acknowledged, resolved). */
    public static Optional<String> incidentState(String auditEvent) {
        return Optional.ofNullable(INCIDENT_STATES.get(auditEvent));
    }

    /** Every name the stream can send (what {@code type} filters may name), sorted. */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>(BY_AUDIT_EVENT.values());
        names.add(AUDIT_RECORDED);
        // Seed 004's SLO names: accepted by filters; no ARF audit event maps to them yet (no SLO engine).
        names.add(SLO_VIOLATION_DETECTED);
        names.add(ERROR_BUDGET_THRESHOLD_CROSSED);
        return names;
    }

    /** The audit events of a stream name, for documentation. */
    public static List<String> auditEventsOf(String name) {
        return BY_AUDIT_EVENT.entrySet().stream()
                .filter(e -> e.getValue().equals(name))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
