package dev.arf.core.governance;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionGate;
import dev.arf.core.execute.GateVerdict;
import java.time.Clock;
import java.util.Objects;

/**
 * The gate when no blueprints govern the fleet (the engine's default, and the simulator demos
 * without {@code --blueprints}): healing policies bring their own cooldowns and hourly limits. Even
 * here the kill switch holds (and fails closed), an empty target means nothing, and what ARF never
 * does (deleting a deployment, …) is forbidden.
 */
final class UngovernedGate implements ActionGate {
    private final Clock clock;
    private final KillSwitch killSwitch;

    UngovernedGate(Clock clock, KillSwitch killSwitch) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.killSwitch = Objects.requireNonNull(killSwitch, "killSwitch");
    }

    @Override
    public GateVerdict check(Action action) {
        if (action.type().mutates()) {
            try {
                if (killSwitch.engaged()) {
                    return deny(ReasonCode.KILL_SWITCH_ENGAGED, "the kill switch is engaged: no automated action runs");
                }
            } catch (RuntimeException e) {
                return deny(
                        ReasonCode.KILL_SWITCH_ENGAGED,
                        "the kill switch's state cannot be read (" + e.getMessage() + "): failing closed");
            }
            if (action.target().isBlank() || action.target().equals("*")) {
                return deny(
                        ReasonCode.EMPTY_TARGET, "no target named: an empty selector means nothing, never everything");
            }
            String operation = Operations.blueprintOperation(action, Integer.MAX_VALUE);
            if (Operations.GLOBALLY_FORBIDDEN.contains(operation)) {
                return deny(
                        ReasonCode.ACTION_FORBIDDEN,
                        operation + " is forbidden everywhere, governed by blueprints or not");
            }
        }
        return new GateVerdict.Allow(new Permit(action, clock.instant(), "ungoverned"));
    }

    private static GateVerdict deny(ReasonCode code, String explanation) {
        return new GateVerdict.Deny(code.name(), explanation);
    }
}
