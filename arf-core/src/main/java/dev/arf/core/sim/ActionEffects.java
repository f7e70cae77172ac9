package dev.arf.core.sim;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.ActionOutcome.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How each healing action changes a fleet. Changes that take time in a real cluster (replicas
 * becoming ready, restarts, rollbacks, load-balancer updates) are scheduled on virtual time, so the
 * outcome says the change was made while the relief shows only later, as it would.
 */
final class ActionEffects {
    static final Duration RESTART_TIME = Duration.ofSeconds(20);
    static final Duration ROLLBACK_TIME = Duration.ofSeconds(45);
    static final Duration SHIFT_TIME = Duration.ofSeconds(10);
    static final double DEFAULT_SHIFT = 0.5;

    private final FleetState fleet;

    private ActionEffects(FleetState fleet) {
        this.fleet = fleet;
    }

    static ActionOutcome apply(FleetState fleet, Action action) {
        return new ActionEffects(fleet).apply(action);
    }

    private ActionOutcome apply(Action action) {
        String target = action.target();
        if (!fleet.topology.knows(target)) {
            return outcome(
                    action,
                    Status.FAILED,
                    "unknown service '" + target + "'; this fleet runs " + fleet.topology.names());
        }
        return switch (action.type()) {
            case ALERT_TEAM -> outcome(action, Status.SUCCEEDED, "noted: the simulator has no team to page");
            case NO_ACTION -> outcome(action, Status.SUCCEEDED, "noted: nothing changed");
            case SCALE_OUT -> scaleOut(action);
            case SCALE_IN -> scaleIn(action);
            case RESTART_CONTAINER -> restart(action);
            case ROLLBACK -> rollback(action);
            case CIRCUIT_BREAKER -> circuitBreaker(action);
            case TRAFFIC_SHIFT -> trafficShift(action);
            case DELETE_DEPLOYMENT -> outcome(action, Status.FAILED, "the simulator does not delete deployments");
            case ADJUST_RESOURCES ->
                outcome(action, Status.FAILED, "the simulated fleet's resource requests are fixed");
        };
    }

    /** {@code replicas} = the target count; by default +50% (at least one), capped at the maximum. */
    private ActionOutcome scaleOut(Action action) {
        ServiceState state = fleet.state(action.target());
        int desired = state.desiredReplicas;
        int max = state.spec.maxReplicas();
        if (desired >= max) {
            return outcome(action, Status.SKIPPED, "already at its maximum of " + max + " replicas");
        }
        String raw = action.parameters().get("replicas");
        int asked;
        if (raw == null) {
            asked = desired + Math.max(1, (int) Math.ceil(desired * 0.5));
        } else {
            try {
                asked = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                return outcome(action, Status.FAILED, "parameter replicas: '" + raw + "' is not a whole number");
            }
        }
        if (asked <= desired) {
            return outcome(action, Status.SKIPPED, "already runs " + desired + " replicas (asked for " + asked + ")");
        }
        int target = Math.min(asked, max);
        state.desiredReplicas = target;
        int readyInSeconds = 30 + fleet.actionRandom.nextInt(31);
        fleet.schedule(Duration.ofSeconds(readyInSeconds), new Change.ReplicasReady(action.target(), target - desired));
        return outcome(
                action,
                Status.SUCCEEDED,
                "scaling " + action.target() + " from " + desired + " to " + target + " replicas"
                        + (target < asked ? " (asked for " + asked + ", capped at the maximum)" : "")
                        + "; new replicas ready in " + readyInSeconds + " s");
    }

    /** {@code replicas} = the target count; by default a third fewer (at least one), never below the minimum. */
    private ActionOutcome scaleIn(Action action) {
        ServiceState state = fleet.state(action.target());
        int desired = state.desiredReplicas;
        int min = state.spec.minReplicas();
        if (desired <= min) {
            return outcome(action, Status.SKIPPED, "already at its minimum of " + min + " replicas");
        }
        String raw = action.parameters().get("replicas");
        int asked;
        if (raw == null) {
            asked = desired - Math.max(1, desired / 3);
        } else {
            try {
                asked = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                return outcome(action, Status.FAILED, "parameter replicas: '" + raw + "' is not a whole number");
            }
        }
        if (asked >= desired) {
            return outcome(action, Status.SKIPPED, "already runs " + desired + " replicas (asked for " + asked + ")");
        }
        int target = Math.max(asked, min);
        state.desiredReplicas = target;
        state.readyReplicas = Math.min(state.readyReplicas, target);
        return outcome(
                action,
                Status.SUCCEEDED,
                "scaled " + action.target() + " from " + desired + " to " + target + " replicas"
                        + (target > asked ? " (asked for " + asked + ", kept at the minimum)" : ""));
    }

    /**
     * A rolling restart: for {@link #RESTART_TIME} one replica is down and a few requests fail; then
     * leaked memory, runaway CPU and a wedged, pool-exhausted process are gone. A leak's cause stays, so
     * memory starts climbing again.
     */
    private ActionOutcome restart(Action action) {
        ServiceState state = fleet.state(action.target());
        if (state.restarting(fleet.now())) {
            return outcome(action, Status.SKIPPED, "a restart is already in progress until " + state.restartUntil);
        }
        state.restartUntil = fleet.now().plus(RESTART_TIME);
        fleet.schedule(RESTART_TIME, new Change.RestartDone(action.target()));
        boolean leaking = fleet.faults.has(action.target(), f -> f instanceof Fault.MemoryLeak);
        return outcome(
                action,
                Status.SUCCEEDED,
                "rolling restart of " + state.readyReplicas + " replicas of " + action.target() + ", done in "
                        + RESTART_TIME.toSeconds() + " s"
                        + (leaking ? "; leaked memory is freed but the leak itself continues" : ""));
    }

    /** Returns to the version before the latest bad deploy, taking {@link #ROLLBACK_TIME}. */
    private ActionOutcome rollback(Action action) {
        String service = action.target();
        ServiceState state = fleet.state(service);
        var deploy = fleet.faults.latestDeploy(service);
        if (deploy.isEmpty()) {
            return outcome(
                    action, Status.SKIPPED, "no deploy to roll back: " + service + " runs " + fleet.version(service));
        }
        if (state.rollbackPending) {
            return outcome(action, Status.SKIPPED, "a rollback of " + service + " is already in progress");
        }
        state.rollbackPending = true;
        fleet.schedule(ROLLBACK_TIME, new Change.RolledBack(service));
        return outcome(
                action,
                Status.SUCCEEDED,
                "rolling " + service + " back from " + deploy.get().version() + " to "
                        + fleet.faults.versionBefore(deploy.get(), state.spec.version()) + ", done in "
                        + ROLLBACK_TIME.toSeconds() + " s");
    }

    /**
     * Opens breakers around the target. If the target is itself the failing service (its own
     * failure or partition, or failing with no failing dependency), each of its callers opens a
     * breaker to it; otherwise the target is taken as the caller and opens breakers to its failing
     * dependencies. Breakers close on their own once the dependency is healthy again.
     */
    private ActionOutcome circuitBreaker(Action action) {
        String target = action.target();
        Topology topology = fleet.topology;
        List<String> edges = new ArrayList<>();
        boolean rootCause = fleet.faults.has(
                target, f -> f instanceof Fault.DependencyFailure || f instanceof Fault.NetworkPartition);
        List<String> failingDependencies =
                topology.dependenciesOf(target).stream().filter(this::failing).toList();
        if (rootCause && !topology.callersOf(target).isEmpty()) {
            for (String caller : topology.callersOf(target)) {
                if (fleet.state(caller).breakersOpenTo.add(target)) {
                    edges.add(caller + " -> " + target);
                }
            }
        } else if (!failingDependencies.isEmpty()) {
            for (String dependency : failingDependencies) {
                if (fleet.state(target).breakersOpenTo.add(dependency)) {
                    edges.add(target + " -> " + dependency);
                }
            }
        } else if (failing(target) && !topology.callersOf(target).isEmpty()) {
            for (String caller : topology.callersOf(target)) {
                if (fleet.state(caller).breakersOpenTo.add(target)) {
                    edges.add(caller + " -> " + target);
                }
            }
        } else {
            return outcome(action, Status.SKIPPED, "nothing failing around " + target + " to isolate");
        }
        if (edges.isEmpty()) {
            return outcome(action, Status.SKIPPED, "breakers around " + target + " are already open");
        }
        return outcome(
                action,
                Status.SUCCEEDED,
                "opened circuit breakers " + String.join(", ", edges) + "; callers fail fast with a degraded fallback");
    }

    private boolean failing(String service) {
        boolean partitioned = fleet.faults.has(service, f -> f instanceof Fault.NetworkPartition);
        boolean failed = fleet.faults.has(service, f -> f instanceof Fault.DependencyFailure);
        return failed || ServiceModel.failing(fleet.state(service).last, partitioned);
    }

    /** {@code share} (0..1, default 0.5) of the target's traffic goes to a healthy standby after {@link #SHIFT_TIME}. */
    private ActionOutcome trafficShift(Action action) {
        ServiceState state = fleet.state(action.target());
        String raw = action.parameters().get("share");
        double share = DEFAULT_SHIFT;
        if (raw != null) {
            try {
                share = Double.parseDouble(raw.trim());
            } catch (NumberFormatException e) {
                share = Double.NaN;
            }
            if (!(share >= 0 && share <= 1)) {
                return outcome(action, Status.FAILED, "parameter share: '" + raw + "' is not a fraction in [0, 1]");
            }
        }
        if (share == state.trafficShift) {
            return outcome(action, Status.SKIPPED, "already sends " + percent(share) + " to the standby");
        }
        fleet.schedule(SHIFT_TIME, new Change.TrafficShifted(action.target(), share));
        return outcome(
                action,
                Status.SUCCEEDED,
                "shifting " + percent(share) + " of " + action.target() + "'s traffic to a healthy standby in "
                        + SHIFT_TIME.toSeconds() + " s");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private ActionOutcome outcome(Action action, Status status, String detail) {
        return new ActionOutcome(action, status, detail, fleet.now());
    }
}
