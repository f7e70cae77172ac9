package dev.arf.core.execute;

/**
 * Port to whatever carries out actions on real or simulated targets.
 *
 * <p>Contract: {@link #execute} is idempotent per {@link Action#idempotencyKey()} (a repeated key
 * returns {@code SKIPPED} without acting again); it never throws for a failed change but returns
 * {@code FAILED} with a reason; it is called only by the engine after the action passed its
 * {@link ActionGate}.
 */
public interface Actuator {
    /** True if this actuator knows how to act on the target (e.g. the simulator knows its fleet). */
    boolean handles(Action action);

    ActionOutcome execute(Action action);
}
