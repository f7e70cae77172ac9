package dev.arf.core.execute;

/**
 * The one place that decides whether a proposed action may reach an actuator. This engine
 * uses {@link #ALLOW_ALL} (healing policies already apply their own cooldowns and hourly limits);
 * the governance layer (blueprints, tiers, approvals, kill switch) plugs in here.
 */
public interface ActionGate {
    GateVerdict check(Action action);

    ActionGate ALLOW_ALL = action -> new GateVerdict.Allow();

    /** Dry run: every action is refused with reason {@code DRY_RUN}, so nothing is changed. */
    ActionGate DRY_RUN = action ->
            new GateVerdict.Deny("DRY_RUN", "dry run: " + action.type().key() + " not executed");
}
