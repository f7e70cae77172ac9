package dev.arf.core.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Everything a fleet knows: topology, per-service state, faults, pending changes, virtual time and
 * its random streams. Shared by the tick and the action effects; guarded by {@link Fleet}'s lock.
 */
final class FleetState {
    final Topology topology;
    final FaultBook faults = new FaultBook();
    /** Noise in telemetry; used only by ticks, so actions do not shift the noise sequence. */
    final SplittableRandom noise;
    /** Delays of action effects (replica readiness). */
    final SplittableRandom actionRandom;

    private final Map<String, ServiceState> services = new LinkedHashMap<>();
    private final PriorityQueue<Change.Pending> pending =
            new PriorityQueue<>(Comparator.comparing(Change.Pending::at).thenComparingLong(Change.Pending::sequence));
    private long sequence;
    private Instant now;

    FleetState(List<ServiceSpec> specs, Instant start, long seed) {
        this.topology = new Topology(specs);
        for (ServiceSpec spec : specs) {
            services.put(spec.name(), new ServiceState(spec));
        }
        this.now = start;
        this.noise = new SplittableRandom(seed);
        this.actionRandom = noise.split();
    }

    Instant now() {
        return now;
    }

    ServiceState state(String service) {
        ServiceState state = services.get(service);
        if (state == null) {
            throw new IllegalArgumentException(
                    "unknown service '" + service + "'; this fleet runs " + topology.names());
        }
        return state;
    }

    void schedule(Duration after, Change change) {
        pending.add(new Change.Pending(now.plus(after), sequence++, change));
    }

    /** Moves time forward and lands every change due by then, in order. */
    void advance(Duration step) {
        now = now.plus(step);
        while (!pending.isEmpty() && !pending.peek().at().isAfter(now)) {
            pending.poll().change().applyTo(this);
        }
    }

    String version(String service) {
        return faults.latestDeploy(service)
                .map(Fault.BadDeploy::version)
                .orElse(state(service).spec.version());
    }
}
