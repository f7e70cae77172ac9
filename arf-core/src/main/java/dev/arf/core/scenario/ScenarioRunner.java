package dev.arf.core.scenario;

import dev.arf.core.agents.Cause;
import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.HealingStep;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.incident.Incident;
import dev.arf.core.sim.Fault;
import dev.arf.core.sim.Scenario;
import dev.arf.core.sim.ScenarioRun;
import dev.arf.core.sim.ScheduledFault;
import dev.arf.core.sim.ServiceSpec;
import dev.arf.core.sim.SimulatorActuator;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a {@link Scenario} on the simulator through a real engine, on virtual time: the fleet
 * produces telemetry, faults are injected on schedule, the engine detects, analyses and heals
 * through the simulator's actuator, and the listener hears the story. Deterministic for a seed.
 */
public final class ScenarioRunner {
    /** How often the listener gets a look at the whole fleet. */
    public static final Duration PULSE = Duration.ofMinutes(5);

    public static final Instant DEFAULT_START = Instant.parse("2026-11-27T09:00:00Z");

    private final ReliabilityStore store;
    private final Customiser customise;

    /** Adjusts the engine of a run (policies, detector settings, gate, audit) given the run's clock. */
    @FunctionalInterface
    public interface Customiser {
        ReliabilityEngine.Builder apply(ReliabilityEngine.Builder engine, Clock clock);
    }

    /**
     * @param customise adjusts the engine; clock, store and actuator are set by the runner, and
     *     anything that keeps time (a gate's cooldowns) must use the clock it is given
     */
    public ScenarioRunner(ReliabilityStore store, Customiser customise) {
        this.store = store;
        this.customise = customise;
    }

    public ScenarioRunner() {
        this(ReliabilityStore.NONE, (engine, clock) -> engine);
    }

    /**
     * The cause ARF named for the fault: the diagnosis at the faulty service, unless it only points
     * elsewhere (dependency failure) or is unknown; then the first specific diagnosis among the
     * incidents (a partition shows at the callers, not at the unreachable service).
     */
    private static String rootCause(java.util.Collection<Incident> incidents, String faultyService) {
        java.util.function.Predicate<Incident> specific =
                i -> !i.cause().equals(Cause.UNKNOWN.key()) && !i.cause().equals(Cause.DEPENDENCY_FAILURE.key());
        return incidents.stream()
                .filter(i -> i.service().equals(faultyService))
                .filter(specific)
                .findFirst()
                .or(() -> incidents.stream().filter(specific).findFirst())
                .or(() -> incidents.stream().findFirst())
                .map(Incident::cause)
                .orElse(Cause.UNKNOWN.key());
    }

    /** Tells the listener which faults appeared and which went away since the last look. */
    private static void announceFaultChanges(
            List<Fault> active, Set<Fault> announced, Instant at, ScenarioListener listener) {
        for (Fault fault : active) {
            if (announced.add(fault)) {
                listener.faultInjected(at, fault);
            }
        }
        for (java.util.Iterator<Fault> it = announced.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (!active.contains(fault)) {
                it.remove();
                listener.faultCleared(at, fault);
            }
        }
    }

    private static Map<String, List<String>> dependencies(Scenario scenario) {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (ServiceSpec spec : scenario.fleet()) {
            graph.put(spec.name(), spec.dependencies());
        }
        return graph;
    }

    public ScenarioReport run(Scenario scenario, long seed, ScenarioListener listener) {
        VirtualClock clock = new VirtualClock(DEFAULT_START);
        ScenarioRun run = scenario.start(DEFAULT_START, seed);
        SimulatorActuator actuator = new SimulatorActuator(run.fleet());
        listener.started(new ScenarioListener.RunInfo(
                scenario.name(), scenario.title(), scenario.description(), seed, DEFAULT_START));
        Instant faultAt = scenario.faults().stream()
                .map(ScheduledFault::at)
                .min(Comparator.naturalOrder())
                .map(DEFAULT_START::plus)
                .orElse(DEFAULT_START);
        Set<Fault> announcedFaults = new java.util.LinkedHashSet<>();

        Map<String, Incident> incidents = new LinkedHashMap<>();
        Map<String, Boolean> announcedCause = new LinkedHashMap<>();
        Map<String, AnalysisResult> lastAnalysis = new LinkedHashMap<>();
        List<String> executed = new ArrayList<>();
        int refused = 0;
        long events = 0;
        Instant firstDetection = null;
        Instant lastResolution = null;
        Instant nextPulse = DEFAULT_START;

        try (ReliabilityEngine engine = customise
                .apply(ReliabilityEngine.builder(), clock)
                .clock(clock)
                .dependencies(dependencies(scenario))
                .store(store)
                .actuator(actuator)
                .build()) {
            while (!run.finished()) {
                Instant stepStart = clock.instant();
                List<TelemetryEvent> batch = run.step();
                announceFaultChanges(run.fleet().activeFaults(), announcedFaults, stepStart, listener);
                clock.setTo(run.fleet().now());
                if (!clock.instant().isBefore(nextPulse)) {
                    listener.pulse(clock.instant(), batch);
                    nextPulse = nextPulse.plus(PULSE);
                }
                for (TelemetryEvent event : batch) {
                    AnalysisResult result = engine.process(event);
                    events++;
                    String id = result.incidentId();
                    if (id != null && result.isAnomaly() && !incidents.containsKey(id)) {
                        Incident opened = engine.incident(id).orElseThrow();
                        incidents.put(id, opened);
                        if (firstDetection == null) {
                            firstDetection = event.timestamp();
                        }
                        listener.incidentOpened(result, opened);
                    }
                    if (id != null && result.isAnomaly()) {
                        lastAnalysis.put(id, result);
                        Cause cause =
                                result.multiAgentAnalysis().diagnostician().cause();
                        if (cause != Cause.UNKNOWN && announcedCause.putIfAbsent(id, true) == null) {
                            listener.analysed(result);
                        }
                    }
                    for (HealingStep step : result.healingActions()) {
                        if (step.status() == HealingStep.Status.SUPPRESSED) {
                            continue;
                        }
                        if (step.status() == HealingStep.Status.EXECUTED) {
                            executed.add(step.action().key() + "→" + step.target());
                        } else if (step.status() != HealingStep.Status.SKIPPED) {
                            refused++;
                        }
                        listener.healed(event.timestamp(), step);
                    }
                }
                for (Map.Entry<String, Incident> e : incidents.entrySet()) {
                    if (e.getValue().state().isOpen()) {
                        Incident now = engine.incident(e.getKey()).orElse(e.getValue());
                        e.setValue(now);
                        if (!now.state().isOpen()) {
                            lastResolution = now.resolvedAt();
                            listener.resolved(now);
                        }
                    }
                }
            }
            for (Map.Entry<String, AnalysisResult> e : lastAnalysis.entrySet()) {
                if (!announcedCause.containsKey(e.getKey())) {
                    listener.analysed(e.getValue());
                }
            }
        }
        String faultyService = scenario.faults().isEmpty()
                ? null
                : scenario.faults().get(0).fault().service();
        String diagnosed = rootCause(incidents.values(), faultyService);
        int resolvedCount = (int)
                incidents.values().stream().filter(i -> !i.state().isOpen()).count();
        boolean allResolved = !incidents.isEmpty() && resolvedCount == incidents.size();
        ScenarioReport report = new ScenarioReport(
                scenario.name(),
                seed,
                faultAt,
                Optional.ofNullable(firstDetection).map(d -> Duration.between(faultAt, d)),
                allResolved ? Optional.of(Duration.between(faultAt, lastResolution)) : Optional.empty(),
                scenario.expectedCause(),
                diagnosed,
                incidents.size(),
                resolvedCount,
                executed,
                refused,
                events,
                List.copyOf(incidents.keySet()));
        listener.finished(report);
        return report;
    }
}
