package dev.arf.server.runtime;

import dev.arf.core.sim.Fault;
import dev.arf.core.sim.Fleet;
import dev.arf.core.sim.FleetCatalog;
import dev.arf.core.sim.Scenario;
import dev.arf.core.sim.ScheduledFault;
import dev.arf.core.sim.ServiceSpec;
import dev.arf.core.sim.SimulatorActuator;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code arf serve --demo}: the simulated fleet of {@code arf demo} (api-gateway → checkout → payments
 * → database, plus cache) living on the server's clock, one tick per {@code step}, its telemetry sent
 * through the same ingest as everyone's; a scenario's faults can be started on it.
 */
public final class DemoFleet {
    private final Fleet fleet;
    private final SimulatorActuator actuator;
    private final Duration step;
    private final double speed;

    /**
     * @param step simulated time per tick
     * @param speed simulated seconds per wall-clock second (how fast a scenario's faults follow each other)
     */
    public DemoFleet(Instant start, long seed, Duration step, double speed) {
        this.fleet = new Fleet(FleetCatalog.standard(), start, seed);
        this.actuator = new SimulatorActuator(fleet);
        this.step = step;
        this.speed = speed;
    }

    public SimulatorActuator actuator() {
        return actuator;
    }

    public Duration step() {
        return step;
    }

    /** The next tick's telemetry, one event per service. */
    public List<TelemetryEvent> tick() {
        return fleet.tick(step);
    }

    public OptionalInt replicas(String service) {
        return fleet.knows(service) ? OptionalInt.of(fleet.desiredReplicas(service)) : OptionalInt.empty();
    }

    public Map<String, List<String>> dependencies() {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (ServiceSpec spec : FleetCatalog.standard()) {
            graph.put(spec.name(), spec.dependencies());
        }
        return graph;
    }

    public List<Fault> activeFaults() {
        return fleet.activeFaults();
    }

    /**
     * Starts a scenario's faults on the live fleet: the first at once, the others as far apart as the
     * scenario has them, each cleared after its {@code lasting} (simulated time, at the fleet's speed).
     */
    public void start(Scenario scenario, ScheduledExecutorService scheduler) {
        Duration first = scenario.faults().stream()
                .map(ScheduledFault::at)
                .min(Duration::compareTo)
                .orElse(Duration.ZERO);
        for (ScheduledFault f : scenario.faults()) {
            long delay = f.at().minus(first).toMillis();
            scheduler.schedule(() -> fleet.inject(f.fault()), delay, TimeUnit.MILLISECONDS);
            f.lasting()
                    .ifPresent(d -> scheduler.schedule(
                            () -> fleet.clear(f.fault()), delay + d.toMillis(), TimeUnit.MILLISECONDS));
        }
    }
}
