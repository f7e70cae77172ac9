package dev.arf.core.audit;

/** The proof-log event names ARF writes (seed 003's where it has one). */
public final class AuditEvents {
    private AuditEvents() {}

    /** The observation that led to a decision (an anomalous detection). */
    public static final String RUNTIME_EMIT = "RUNTIME_EMIT";
    /** An incident was opened or resolved. */
    public static final String INCIDENT_OPENED = "INCIDENT_OPENED";

    public static final String INCIDENT_RESOLVED = "INCIDENT_RESOLVED";

    /** A service's traffic loss was folded into its caller's open incident instead of opening one. */
    public static final String INCIDENT_INHIBITED = "INCIDENT_INHIBITED";
    /** A healing policy proposed actions, with its matched conditions. */
    public static final String POLICY_DECISION = "POLICY_DECISION";
    /** Every gate allowed the action. */
    public static final String EXECUTION_GATE_PASSED = "EXECUTION_GATE_PASSED";
    /** A gate refused the action; the reason code is in the details. */
    public static final String ORCH_REFUSE = "ORCH_REFUSE";
    /** Written before an actuator is called: the intent. Nothing acts without it. */
    public static final String ORCH_INTENT = "ORCH_INTENT";
    /** The actuator carried the action out. */
    public static final String ORCH_EXEC = "ORCH_EXEC";
    /** The actuator tried and failed, or skipped it. */
    public static final String ORCH_FAILED = "ORCH_FAILED";
    /** An executed action's checks passed after its stabilisation period. */
    public static final String VERIFICATION_PASSED = "VERIFICATION_PASSED";
    /** An executed action's checks failed; what was done about it is in the details. */
    public static final String VERIFICATION_FAILED = "VERIFICATION_FAILED";
    /** A failed verification asked for a rollback; the revert follows the same gate, intent and outcome. */
    public static final String ROLLBACK_TRIGGERED = "ROLLBACK_TRIGGERED";
    /** Sources disagreed outright about a service, so its policies observed instead of acting (seed 003). */
    public static final String SIGNAL_CONFLICT_OBSERVE = "SIGNAL_CONFLICT_OBSERVE";
    /**
     * Something tried a forbidden operation: raised for people (security, the service's owners) on top
     * of the refusal; notifiers route it.
     */
    public static final String SECURITY_ALERT = "SECURITY_ALERT";
}
