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
     * @param verifying true when the action's effect will still be verified; the target stays locked
     *     until {@link #verified} is called
     */
    default void completed(Permit permitUsed, ActionOutcome outcome, boolean verifying) {}

    /** Told whether an executed action, once stabilised, left its target healthy. */
    default void verified(Action action, boolean healthy) {}

    /** Dry run: every action is refused with reason {@code DRY_RUN}, so nothing is changed. */
    ActionGate DRY_RUN = action ->
            new GateVerdict.Deny("DRY_RUN", "dry run: " + action.type().key() + " not executed");
}
