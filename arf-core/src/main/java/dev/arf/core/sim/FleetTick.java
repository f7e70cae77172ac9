package dev.arf.core.sim;

import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of the simulation. Load flows down the call graph (callers first: a caller that sheds
 * or cannot reach a dependency sends it less), then results flow back up (dependencies first: a
 * caller adds its dependencies' latency and inherits their errors).
 */
final class FleetTick {
    /** Share of a caller's calls that still reach a dependency behind an open breaker (probes). */
    private static final double PROBE_SHARE = 0.01;

    private static final Duration OOM_RESTART = Duration.ofSeconds(30);
    private static final double OOM_ERRORS = 0.4;
    private static final double RESTART_ERRORS = 0.03;
    private static final double MEMORY_TIME_CONSTANT_MINUTES = 15;

    /** Load of one service in this tick. */
    private record Flow(double rhoPrimary, double rhoStandby, double served, double relative) {}

    private final FleetState fleet;
    private final Map<String, Conditions> conditions = new HashMap<>();
    private final Map<String, Flow> flows = new HashMap<>();

    private FleetTick(FleetState fleet) {
        this.fleet = fleet;
    }

    static List<TelemetryEvent> run(FleetState fleet, Duration step) {
        return new FleetTick(fleet).run(step);
    }

    private List<TelemetryEvent> run(Duration step) {
        fleet.advance(step);
        Instant now = fleet.now();
        double minutes = step.toMillis() / 60_000.0;
        Topology topology = fleet.topology;
        for (String service : topology.names()) {
            conditions.put(service, fleet.faults.conditionsFor(service, now));
        }
        double curve = DailyLoadCurve.at(now);
        for (String service : topology.callersFirst()) {
            flows.put(service, flow(service, curve, minutes));
        }
        for (String service : topology.dependenciesFirst()) {
            fleet.state(service).last = observe(service, minutes);
        }
        List<TelemetryEvent> events = new ArrayList<>(topology.names().size());
        for (String service : topology.names()) {
            events.add(event(service, now));
        }
        return events;
    }

    private Flow flow(String service, double curve, double minutes) {
        ServiceState state = fleet.state(service);
        ServiceSpec spec = state.spec;
        Conditions c = conditions.get(service);
        // An AR(1) wander: traffic drifts over minutes rather than jumping every tick.
        double keep = Math.exp(-minutes / 5);
        state.demandNoise = keep * state.demandNoise + Math.sqrt(1 - keep * keep) * 0.03 * gaussian();
        double nominal = spec.baselineLoad() * curve;
        double demand = nominal * relativeTraffic(service) * c.surge() * Math.max(0.5, 1 + state.demandNoise);
        int serving = Math.max(0, state.readyReplicas - c.killedInstances());
        double capacity = Math.max(1e-6, ServiceModel.capacity(spec, serving, c.extraCpu()));
        Instant now = fleet.now();
        if (state.restarting(now)) {
            capacity *= serving > 1 ? (serving - 1.0) / serving : 0.5;
        }
        if (state.oomRestarting(now)) {
            capacity *= 0.5;
        }
        double standbyCapacity = state.desiredReplicas * spec.capacityPerReplica();
        double primaryDemand = demand * (1 - state.trafficShift);
        double standbyDemand = demand * state.trafficShift;
        double served = Math.min(primaryDemand, capacity) + Math.min(standbyDemand, standbyCapacity);
        return new Flow(primaryDemand / capacity, standbyDemand / standbyCapacity, served, served / nominal);
    }

    /** This service's traffic relative to nominal: its callers' traffic, weighted by their size. */
    private double relativeTraffic(String service) {
        List<String> callers = fleet.topology.callersOf(service);
        if (callers.isEmpty()) {
            return 1;
        }
        double weighted = 0;
        double weights = 0;
        for (String caller : callers) {
            double weight = fleet.topology.spec(caller).baselineLoad();
            double out = flows.get(caller).relative() * (1 - partitionedShare(caller, service));
            if (fleet.state(caller).breakersOpenTo.contains(service)) {
                out *= PROBE_SHARE;
            }
            weighted += weight * out;
            weights += weight;
        }
        return weighted / weights;
    }

    /** Share of the caller's calls to {@code dependency} that time out; standbys on either side get through. */
    private double partitionedShare(String caller, String dependency) {
        if (!conditions.get(dependency).partitioned()) {
            return 0;
        }
        return (1 - fleet.state(caller).trafficShift) * (1 - fleet.state(dependency).trafficShift);
    }

    private Observation observe(String service, double minutes) {
        ServiceState state = fleet.state(service);
        ServiceSpec spec = state.spec;
        Conditions c = conditions.get(service);
        Flow flow = flows.get(service);
        Instant now = fleet.now();

        double memory = memory(state, c, flow.rhoPrimary(), minutes);
        boolean oomKilled = false;
        if (state.leakedMemory > 0 && memory >= ServiceModel.OOM_THRESHOLD) {
            oomKilled = true;
            state.oomUntil = now.plus(OOM_RESTART);
            state.leakedMemory = 0;
            state.loadMemory = spec.baseMemory();
        }
        memory = ServiceModel.clamp01(memory);

        double latencyNoise = Math.max(0.8, 1 + 0.03 * gaussian());
        double errorNoise = Math.max(0, 1 + 0.25 * gaussian());
        ServiceModel.Latency own =
                ServiceModel.ownLatency(spec, flow.rhoPrimary(), c, ServiceModel.gcFactor(memory), latencyNoise);
        double errors = ServiceModel.ownErrors(spec, flow.rhoPrimary(), c, errorNoise);
        if (oomKilled || state.oomRestarting(now)) {
            errors = 1 - (1 - errors) * (1 - OOM_ERRORS);
        }
        if (state.restarting(now)) {
            errors = 1 - (1 - errors) * (1 - RESTART_ERRORS);
        }
        double shift = state.trafficShift;
        if (shift > 0) {
            ServiceModel.Latency standby =
                    ServiceModel.ownLatency(spec, flow.rhoStandby(), Conditions.HEALTHY, 1, latencyNoise);
            double standbyErrors = ServiceModel.ownErrors(spec, flow.rhoStandby(), Conditions.HEALTHY, errorNoise);
            own = new ServiceModel.Latency(
                    mix(own.p50(), standby.p50(), shift),
                    mix(own.p95(), standby.p95(), shift),
                    mix(own.p99(), standby.p99(), shift));
            errors = mix(errors, standbyErrors, shift);
        }

        double p50 = own.p50();
        double p95 = own.p95();
        double p99 = own.p99();
        double survive = 1 - errors;
        for (String dependency : fleet.topology.dependenciesOf(service)) {
            Observation seen = fleet.state(dependency).last;
            if (state.breakersOpenTo.contains(dependency)) {
                if (!healthy(dependency)) {
                    p50 += ServiceModel.FAIL_FAST_MS;
                    p95 += ServiceModel.FAIL_FAST_MS;
                    p99 += ServiceModel.FAIL_FAST_MS;
                    survive *= 1 - ServiceModel.DEGRADED_ERROR_RATE;
                    continue;
                }
                // Half-open probes succeed: the breaker closes and calls flow again.
                state.breakersOpenTo.remove(dependency);
            }
            double timedOut = partitionedShare(service, dependency);
            double failed = timedOut + (1 - timedOut) * ServiceModel.ERROR_PROPAGATION * seen.errorRate();
            p50 += ServiceModel.callLatency(seen.p50(), timedOut, 0.50);
            p95 += 0.8 * ServiceModel.callLatency(seen.p95(), timedOut, 0.95);
            p99 += 0.7 * ServiceModel.callLatency(seen.p99(), timedOut, 0.99);
            survive *= 1 - failed;
        }
        p95 = Math.max(p95, p50);
        p99 = Math.max(p99, p95);
        double cpu = ServiceModel.clamp01(ServiceModel.cpu(spec, flow.rhoPrimary(), c) + 0.01 * gaussian());
        return new Observation(p50, p95, p99, ServiceModel.clamp01(1 - survive), flow.served(), cpu, memory);
    }

    private double memory(ServiceState state, Conditions c, double rho, double minutes) {
        if (!state.oomRestarting(fleet.now())) {
            state.leakedMemory += c.leakPerMinute() * minutes;
        }
        double alpha = 1 - Math.exp(-minutes / MEMORY_TIME_CONSTANT_MINUTES);
        state.loadMemory += (ServiceModel.memoryTarget(state.spec, rho) - state.loadMemory) * alpha;
        double memory = state.loadMemory + state.leakedMemory;
        memory += c.memoryPressure();
        if (memory < ServiceModel.FAILURE_MEMORY) {
            memory += (ServiceModel.FAILURE_MEMORY - memory) * c.failure();
        }
        return memory + 0.004 * gaussian();
    }

    /** Whether a breaker to this dependency may close: its half-open probes would succeed. */
    private boolean healthy(String dependency) {
        return !ServiceModel.failing(
                fleet.state(dependency).last, conditions.get(dependency).partitioned());
    }

    private TelemetryEvent event(String service, Instant now) {
        ServiceState state = fleet.state(service);
        Observation o = state.last;
        return TelemetryEvent.builder(service, now)
                .latencyP50(o.p50())
                .latencyP95(o.p95())
                .latencyP99(o.p99())
                .errorRate(o.errorRate())
                .throughput(o.throughput())
                .cpuUtil(o.cpu())
                .memoryUtil(o.memory())
                .label("env", "sim")
                .label("replicas", Integer.toString(Math.max(0, state.readyReplicas - killed(service))))
                .label("version", fleet.version(service))
                .build();
    }

    private int killed(String service) {
        Conditions c = conditions.get(service);
        return c == null ? 0 : c.killedInstances();
    }

    private static double mix(double a, double b, double share) {
        return a * (1 - share) + b * share;
    }

    /** A standard normal draw, clamped to ±3 so a rare draw cannot push a metric out of range. */
    private double gaussian() {
        return Math.max(-3, Math.min(3, fleet.noise.nextGaussian()));
    }
}
