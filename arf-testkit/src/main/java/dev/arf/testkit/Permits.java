package dev.arf.testkit;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.GateVerdict;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.KillSwitch;
import dev.arf.core.governance.Permit;
import java.time.Clock;

/**
 * Permits for actuator tests. They come from the ungoverned gate, like every permit from a gate: a
 * test cannot forge one either.
 */
public final class Permits {
    private Permits() {}

    public static Permit grant(Action action) {
        GateVerdict verdict =
                Guardian.ungoverned(Clock.systemUTC(), KillSwitch.NEVER).check(action);
        if (verdict instanceof GateVerdict.Allow allow) {
            return allow.permit();
        }
        throw new IllegalArgumentException("the ungoverned gate refused " + action + ": " + verdict);
    }
}
