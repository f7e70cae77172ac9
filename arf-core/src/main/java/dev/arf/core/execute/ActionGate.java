package dev.arf.core.execute;

import dev.arf.core.governance.Permit;

/**
 * The one place that decides whether a proposed action may reach an actuator. The governance
 * package provides the implementations that can allow (they mint the {@link
 * Permit} actuators require): the Guardian, and an ungoverned gate for
 * fleets without blueprints. Anything else can only refuse.
 */
public interface ActionGate {
    GateVerdict check(Action action);

    /**
     * Told what became of an allowed action, so the gate can keep breakers and locks. Gates that keep
     * no such state ignore it.
     *
     * @param verifiedBy present when the action's effect will still be verified: the latest moment its
     *     verdict will be known (the engine fails a verification it could not run by then); the target
     *     stays locked until {@link #verified} is called
     */
    default void completed(
            Permit permitUsed, ActionOutcome outcome, java.util.Optional<java.time.Instant> verifiedBy) {}

    /** {@link #completed(Permit, ActionOutcome, java.util.Optional)} with the verdict due from now. */
    default void completed(Permit permitUsed, ActionOutcome outcome, boolean verifying) {
        completed(permitUsed, outcome, verifying ? java.util.Optional.of(outcome.at()) : java.util.Optional.empty());
    }

    /**
     * Told whether an executed action, once stabilised, left its target healthy.
     *
     * @param revert the revert the engine will propose next for an unhealthy action, if any: the only
     *     action the gate may treat as undoing it
     */
    default void verified(Action action, boolean healthy, java.util.Optional<Action> revert) {}

    /** {@link #verified(Action, boolean, java.util.Optional)} with no revert to follow. */
    default void verified(Action action, boolean healthy) {
        verified(action, healthy, java.util.Optional.empty());
    }

    /** Dry run: every action is refused with reason {@code DRY_RUN}, so nothing is changed. */
    ActionGate DRY_RUN = action ->
            new GateVerdict.Deny("DRY_RUN", "dry run: " + action.type().key() + " not executed");
}
