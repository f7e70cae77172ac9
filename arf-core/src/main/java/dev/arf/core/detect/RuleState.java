package dev.arf.core.detect;

/** Prometheus alerting states for a threshold rule with a {@code for} duration. */
public enum RuleState {
    INACTIVE,
    /** The condition holds but not yet for the rule's {@code for} duration. */
    PENDING,
    FIRING,
    /** Was firing; the condition stopped holding at this sample. Next sample is INACTIVE or PENDING. */
    RESOLVED
}
