package dev.arf.core.governance;

/** Why the Guardian refused an action; every refusal carries exactly one. */
public enum ReasonCode {
    /** The kill switch is engaged, or its state cannot be read (fail closed). */
    KILL_SWITCH_ENGAGED,
    /** The action names no target: an empty selector means nothing, never everything. */
    EMPTY_TARGET,
    /** The target resolves to more concrete targets than one action may touch (blast-radius cap). */
    BLAST_RADIUS_EXCEEDED,
    /** The action was planned before the newest decision about its target was taken. */
    STALE_PLAN,
    /** A maintenance window covers the target: people are working on it, automation pauses. */
    MAINTENANCE_WINDOW,
    /** The blueprint (or the global blueprint) forbids the operation. */
    ACTION_FORBIDDEN,
    /** The operation is not among the blueprint's allowed operations, or the service has no blueprint. */
    ACTION_NOT_ALLOWED,
    /** The blueprint requires a person's approval for it. */
    APPROVAL_REQUIRED,
    /** The service's environment does not permit this kind of action (seed 003). */
    ACTION_ELIGIBILITY_FAILED,
    /** The action lacks what it needs to run (seed 003 logs these as eligibility failures, too). */
    PREREQUISITE_MISSING,
    /** The proposer's confidence is below the threshold: the action becomes a no-op (seed 003). */
    UNCERTAINTY_NOOP,
    /** The service's circuit breaker is open after repeated failures. */
    CIRCUIT_OPEN,
    /** This action failed to fix this target too many times in a row: stop trying it, escalate. */
    INEFFECTIVE_FIX,
    /** Another action is in flight on the target (executing or being verified). */
    TARGET_LOCKED,
    /** The same kind of action on the same service ran too recently. */
    COOLDOWN_ACTIVE,
    /** The identical action was asked for too many times in a short window (seed 003: 3 in 300 s). */
    REPETITION_SUPPRESSED,
    /** The service's hourly action budget is spent. */
    RATE_LIMITED,
    /** The fleet-wide hourly action budget is spent. */
    GLOBAL_RATE_LIMITED,
    /** A revert names no action the Guardian permitted on that target. */
    UNKNOWN_REVERT,
    /** The Guardian could not durably record the action's cooldown and budget, so it refuses it. */
    GATE_STATE_UNAVAILABLE,
    /** Dry-run mode: everything was checked and would have been allowed, nothing is executed. */
    DRY_RUN
}
