package dev.arf.core.execute;

import dev.arf.core.governance.Permit;
import java.util.Optional;

/**
 * Port to whatever carries out actions on real or simulated targets.
 *
 * <p>Contract: {@link #execute} takes a {@link Permit}, which only the governance gates mint, and
 * {@linkplain Permit#redeem() redeems} it before acting, so nothing reaches a target without passing
 * the gate and no permit acts twice. Execution is idempotent per {@link Action#idempotencyKey()} (a
 * repeated key returns {@code SKIPPED} without acting again); it never throws for a failed change but
 * returns {@code FAILED} with a reason.
 */
public interface Actuator {
    /** True if this actuator knows how to act on the target (e.g. the simulator knows its fleet). */
    boolean handles(Action action);

    ActionOutcome execute(Permit permit);

    /**
     * The target's state before an action, enough to undo it ({@code replicas}, {@code revision}, …);
     * empty when the actuator cannot tell, in which case the action cannot be rolled back.
     */
    default Optional<TargetSnapshot> snapshot(String target) {
        return Optional.empty();
    }
}
