package dev.arf.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of event ARF notifies about, by their wire names: seed 004's event stream names first,
 * then ARF's own (approvals, security) and seed 000's webhook event names.
 */
public enum EventType {
    INCIDENT_STATE_CHANGED,
    AUTOMATED_REMEDIATION_TRIGGERED,
    SLO_VIOLATION_DETECTED,
    ERROR_BUDGET_THRESHOLD_CROSSED,
    CAPACITY_THRESHOLD_EXCEEDED,
    CHAOS_EXPERIMENT_COMPLETED,
    APPROVAL_REQUESTED,
    SECURITY_ALERT,
    ANOMALY_DETECTED,
    HEALING_ACTION,
    FORECAST_CRITICAL;

    /** The wire name, e.g. {@code incident_state_changed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(
                ", ", Arrays.stream(values()).map(EventType::wireName).toList());
    }
}
