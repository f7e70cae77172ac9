package dev.arf.core.sim;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.Actuator;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.governance.Permit;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Actuator} for a simulated fleet. It handles only its fleet's services and applies each
 * idempotency key once: a repeated key is SKIPPED without acting. A FAILED attempt does not consume
 * its key (nothing was changed), so the same intent may be retried.
 */
public final class SimulatorActuator implements Actuator {
    private final Fleet fleet;
    private final Set<String> seenKeys = new HashSet<>();

    public SimulatorActuator(Fleet fleet) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
    }

    @Override
    public boolean handles(Action action) {
        return fleet.knows(action.target());
    }

    @Override
    public synchronized ActionOutcome execute(Permit permit) {
        Action action = permit.redeem();
        if (seenKeys.contains(action.idempotencyKey())) {
            return new ActionOutcome(
                    action,
                    ActionOutcome.Status.SKIPPED,
                    "already applied under idempotency key " + action.idempotencyKey(),
                    fleet.now());
        }
        ActionOutcome outcome = fleet.apply(action);
        if (outcome.status() != ActionOutcome.Status.FAILED) {
            seenKeys.add(action.idempotencyKey());
        }
        return outcome;
    }

    /** Replicas and version: enough to scale back, or to know a rollback has a version to return to. */
    @Override
    public Optional<TargetSnapshot> snapshot(String target) {
        if (!fleet.knows(target)) {
            return Optional.empty();
        }
        return Optional.of(new TargetSnapshot(
                target,
                Map.of(
                        TargetSnapshot.REPLICAS,
                        Integer.toString(fleet.desiredReplicas(target)),
                        "version",
                        fleet.version(target)),
                fleet.now()));
    }

    public Fleet fleet() {
        return fleet;
    }
}
