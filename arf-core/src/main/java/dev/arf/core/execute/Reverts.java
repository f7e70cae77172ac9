package dev.arf.core.execute;

import dev.arf.core.policy.HealingAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The action that undoes another, given the snapshot taken before it ran. A revert names the action it
 * undoes in {@value #REVERT_OF}; the Guardian lets it through a cooldown the original started (undoing
 * harm is never the risky direction) but checks everything else again, and only for an action it
 * permitted itself.
 */
public final class Reverts {
    /** Parameter naming the idempotency key of the action being undone. */
    public static final String REVERT_OF = "revert_of";

    private Reverts() {}

    /**
     * Scaling returns to the snapshot's replica count; a rollout goes back to the snapshot's revision;
     * resource requests go back to the snapshot's.
     * Restarts cannot be undone (and need not be), so they have none; neither does an action whose
     * snapshot lacks what the revert needs.
     */
    public static Optional<Action> of(Action original, TargetSnapshot before, String reason, Instant now) {
        return switch (original.type()) {
            case SCALE_OUT, SCALE_IN ->
                before.get(TargetSnapshot.REPLICAS)
                        .map(replicas -> revert(
                                original,
                                original.type() == HealingAction.SCALE_OUT
                                        ? HealingAction.SCALE_IN
                                        : HealingAction.SCALE_OUT,
                                Map.of(TargetSnapshot.REPLICAS, replicas),
                                reason,
                                now));
            case ADJUST_RESOURCES -> {
                Map<String, String> back = new java.util.HashMap<>();
                for (String key : List.of(TargetSnapshot.MEMORY, TargetSnapshot.CPU)) {
                    if (original.parameters().containsKey(key)) {
                        before.get(key).ifPresent(v -> back.put(key, v));
                    }
                }
                yield back.isEmpty()
                        ? Optional.empty()
                        : Optional.of(revert(original, HealingAction.ADJUST_RESOURCES, back, reason, now));
            }
            case ROLLBACK ->
                before.get(TargetSnapshot.REVISION)
                        .map(revision -> revert(
                                original,
                                HealingAction.ROLLBACK,
                                Map.of(TargetSnapshot.REVISION, revision),
                                reason,
                                now));
            default -> Optional.empty();
        };
    }

    public static boolean isRevert(Action action) {
        return action.parameters().containsKey(REVERT_OF);
    }

    private static Action revert(
            Action original, HealingAction type, Map<String, String> params, String reason, Instant now) {
        Map<String, String> parameters = new java.util.HashMap<>(params);
        parameters.put(REVERT_OF, original.idempotencyKey());
        return new Action(
                "revert|" + original.idempotencyKey(),
                type,
                original.target(),
                parameters,
                "verification:rollback",
                reason,
                now,
                Action.CERTAIN);
    }
}
