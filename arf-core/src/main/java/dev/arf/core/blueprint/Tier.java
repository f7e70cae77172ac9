package dev.arf.core.blueprint;

/** What governance says about an operation an agent proposes. */
public enum Tier {
    /** Listed as allowed, and not forbidden nor subject to approval: may run without a person. */
    AUTONOMOUS,
    /** Runs only after one of the approvers agrees. */
    REQUIRES_APPROVAL,
    /** Listed as forbidden: never runs. */
    FORBIDDEN,
    /** Not listed anywhere: never runs (unknown is not permission). */
    NOT_ALLOWED
}
