package dev.arf.core.sim;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A seeded, virtual-time simulation of a fleet of services that respond to load, faults and
 * healing actions.
 *
 * <p>Time moves only in {@link #tick}; the same specs, start, seed and sequence of calls give the
 * same events, bit for bit. Per service the model is: utilisation ρ = load / (ready replicas ×
 * capacity); own latency grows as 1/(1-ρ) (capped); beyond capacity the excess is shed as errors;
 * a caller adds its dependencies' latency and inherits most of their errors; load follows a daily
 * curve with a slow seeded wander, and memory follows load slowly. See {@link Fault} for what each
 * fault does and {@link #apply} for the actions.
 *
 * <p>Thread-safe: every operation is serialised, so an engine thread may apply actions while
 * another ticks.
 */
public final class Fleet {
    /**
     * The availability zones every simulated fleet spreads over. Replica {@code i} of a service
     * (counting from 0, in the order replicas were added) runs in {@code ZONES.get(i % 3)}: placement
     * is all the simulator knows of zones, enough for chaos experiments to aim at a zone.
     */
    public static final List<String> ZONES = List.of("zone-a", "zone-b", "zone-c");

    /**
     * One replica of a service: {@code <service>-<i>}, its zone, and whether it serves traffic now
     * (not yet ready, or killed by an {@link Fault.InstanceKill}, means it does not).
     */
    public record Instance(String id, String service, String zone, boolean serving) {}

    private final FleetState state;

    /**
     * @throws IllegalArgumentException naming every problem: duplicate names, unknown dependencies,
     *     cycles
     */
    public Fleet(List<ServiceSpec> specs, Instant start, long seed) {
        this.state = new FleetState(List.copyOf(specs), Objects.requireNonNull(start, "start"), seed);
    }

    /**
     * Advances virtual time by {@code step} and returns one valid event per service, in the order of
     * the specs, stamped with the new time.
     */
    public synchronized List<TelemetryEvent> tick(Duration step) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("a tick must move time forward, got " + step);
        }
        return FleetTick.run(state, step);
    }

    /**
     * Starts a fault now. Injecting a fault equal to an active one changes nothing.
     *
     * @throws IllegalArgumentException if the fault names a service not in this fleet
     */
    public synchronized void inject(Fault fault) {
        state.state(fault.service());
        state.faults.inject(fault, state.now());
    }

    /** Ends a fault at once (no rollback delay); false if it was not active. */
    public synchronized boolean clear(Fault fault) {
        return state.faults.clear(fault);
    }

    public synchronized void clearAll() {
        state.faults.clearAll();
    }

    /** Active faults, in the order they were injected. */
    public synchronized List<Fault> activeFaults() {
        return state.faults.faults();
    }

    /**
     * Carries out a healing action on its target service.
     *
     * <ul>
     *   <li>{@code SCALE_OUT}: parameter {@code replicas} = target count, by default +50% (at least
     *       +1), capped at the spec's maximum; the new replicas serve after 30 to 60 s.
     *   <li>{@code SCALE_IN}: parameter {@code replicas}, by default a third fewer, never below the
     *       minimum; immediate.
     *   <li>{@code RESTART_CONTAINER}: a 20 s rolling restart (a small error blip, one replica
     *       down); frees leaked memory and ends a runaway CPU, a wedged process and the pod-bound chaos
     *       faults (injected latency, errors, memory hogs). A memory leak goes on leaking; killed
     *       instances stay down.
     *   <li>{@code ROLLBACK}: removes the latest bad deploy (and a leak it brought) after 45 s;
     *       SKIPPED when nothing was deployed.
     *   <li>{@code CIRCUIT_BREAKER}: if the target is the failing service, its callers open breakers
     *       to it; otherwise the target opens breakers to its failing dependencies. Callers then fail
     *       fast with a 3% degraded error rate; breakers close by themselves once the dependency is
     *       healthy.
     *   <li>{@code TRAFFIC_SHIFT}: parameter {@code share} (default 0.5) of the target's traffic goes
     *       to a healthy standby of the same size after 10 s; a partition is bypassed for that share.
     *   <li>{@code ALERT_TEAM}, {@code NO_ACTION}: SUCCEEDED, nothing changes.
     * </ul>
     *
     * An unknown service or a malformed parameter gives FAILED with the reason; nothing to do gives
     * SKIPPED. The outcome is stamped with the fleet's current virtual time.
     */
    public synchronized ActionOutcome apply(Action action) {
        return ActionEffects.apply(state, action);
    }

    public synchronized Instant now() {
        return state.now();
    }

    /** Service names in the order of the specs. */
    public List<String> services() {
        return state.topology.names();
    }

    public boolean knows(String service) {
        return state.topology.knows(service);
    }

    /** @throws IllegalArgumentException for a service not in this fleet */
    public ServiceSpec spec(String service) {
        return state.state(service).spec;
    }

    /** Replicas serving traffic now (new ones join when ready). */
    public synchronized int readyReplicas(String service) {
        return state.state(service).readyReplicas;
    }

    /** Replicas asked for by the last scaling action. */
    public synchronized int desiredReplicas(String service) {
        return state.state(service).desiredReplicas;
    }

    /** The version running now: the latest bad deploy's, or the spec's. */
    public synchronized String version(String service) {
        return state.version(service);
    }

    /**
     * The service's replicas as asked for by the last scaling action, in placement order (see {@link
     * #ZONES}).
     */
    public synchronized List<Instance> instances(String service) {
        ServiceState s = state.state(service);
        Set<String> killed = new java.util.HashSet<>();
        for (Fault f : state.faults.faults()) {
            if (f instanceof Fault.InstanceKill k && k.service().equals(service)) {
                killed.addAll(k.instances());
            }
        }
        List<Instance> all = new java.util.ArrayList<>(s.desiredReplicas);
        for (int i = 0; i < s.desiredReplicas; i++) {
            String id = service + "-" + i;
            all.add(new Instance(
                    id, service, ZONES.get(i % ZONES.size()), i < s.readyReplicas && !killed.contains(id)));
        }
        return List.copyOf(all);
    }

    /** Dependencies {@code service} currently fails fast on. */
    public synchronized Set<String> openBreakers(String service) {
        return Set.copyOf(state.state(service).breakersOpenTo);
    }

    /** Share of {@code service}'s traffic now served by its standby. */
    public synchronized double trafficShift(String service) {
        return state.state(service).trafficShift;
    }
}
