package dev.arf.core.sim;

import java.time.Instant;

/** An action's effect that lands some virtual time after the action, as it would in a real cluster. */
sealed interface Change {
    void applyTo(FleetState fleet);

    /** New replicas passed their readiness probes. */
    record ReplicasReady(String service, int count) implements Change {
        @Override
        public void applyTo(FleetState fleet) {
            ServiceState state = fleet.state(service);
            state.readyReplicas = Math.min(state.readyReplicas + count, state.desiredReplicas);
        }
    }

    /** Every replica runs a fresh process: leaked memory and runaway threads are gone. */
    record RestartDone(String service) implements Change {
        @Override
        public void applyTo(FleetState fleet) {
            ServiceState state = fleet.state(service);
            state.restartUntil = null;
            state.oomUntil = null;
            state.leakedMemory = 0;
            state.loadMemory = state.spec.baseMemory();
            // Pod-bound faults go with the pods they were injected into; killed instances stay down.
            fleet.faults.removeIf(
                    service,
                    f -> f instanceof Fault.CpuSaturation
                            || f instanceof Fault.DependencyFailure
                            || f instanceof Fault.LatencyInjection
                            || f instanceof Fault.ErrorInjection
                            || f instanceof Fault.MemoryPressure);
        }
    }

    /** The load balancer now sends {@code share} of the traffic to the standby. */
    record TrafficShifted(String service, double share) implements Change {
        @Override
        public void applyTo(FleetState fleet) {
            fleet.state(service).trafficShift = share;
        }
    }

    /** The previous version is back on every replica. */
    record RolledBack(String service) implements Change {
        @Override
        public void applyTo(FleetState fleet) {
            fleet.state(service).rollbackPending = false;
            fleet.faults.rollBack(service);
        }
    }

    /** A change due at {@code at}; {@code sequence} keeps changes due together in the order made. */
    record Pending(Instant at, long sequence, Change change) {}
}
