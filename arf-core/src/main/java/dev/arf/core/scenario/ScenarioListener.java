package dev.arf.core.scenario;

import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.HealingStep;
import dev.arf.core.incident.Incident;
import dev.arf.core.sim.Fault;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.List;

/** Hears the story of a scenario run as it happens; every method defaults to doing nothing. */
public interface ScenarioListener {
    default void started(RunInfo run) {}

    /** A periodic look at the fleet (every {@link ScenarioRunner#PULSE} of simulated time). */
    default void pulse(Instant at, List<TelemetryEvent> fleet) {}

    default void faultInjected(Instant at, Fault fault) {}

    /** A fault is gone: an action removed it, or it ended by itself. */
    default void faultCleared(Instant at, Fault fault) {}

    /** An event the engine found anomalous that opened an incident. */
    default void incidentOpened(AnalysisResult result, Incident incident) {}

    /** The first analysis that named a cause for an incident (or the last one if none did). */
    default void analysed(AnalysisResult result) {}

    default void healed(Instant at, HealingStep step) {}

    default void resolved(Incident incident) {}

    default void finished(ScenarioReport report) {}

    /** Who a run is: the scenario and its seed. */
    record RunInfo(String scenario, String title, String description, long seed, Instant start) {}

    /** Both listeners hear everything, {@code first} first. */
    static ScenarioListener both(ScenarioListener first, ScenarioListener second) {
        return new ScenarioListener() {
            @Override
            public void started(RunInfo run) {
                first.started(run);
                second.started(run);
            }

            @Override
            public void pulse(Instant at, List<TelemetryEvent> fleet) {
                first.pulse(at, fleet);
                second.pulse(at, fleet);
            }

            @Override
            public void faultInjected(Instant at, Fault fault) {
                first.faultInjected(at, fault);
                second.faultInjected(at, fault);
            }

            @Override
            public void faultCleared(Instant at, Fault fault) {
                first.faultCleared(at, fault);
                second.faultCleared(at, fault);
            }

            @Override
            public void incidentOpened(AnalysisResult result, Incident incident) {
                first.incidentOpened(result, incident);
                second.incidentOpened(result, incident);
            }

            @Override
            public void analysed(AnalysisResult result) {
                first.analysed(result);
                second.analysed(result);
            }

            @Override
            public void healed(Instant at, HealingStep step) {
                first.healed(at, step);
                second.healed(at, step);
            }

            @Override
            public void resolved(Incident incident) {
                first.resolved(incident);
                second.resolved(incident);
            }

            @Override
            public void finished(ScenarioReport report) {
                first.finished(report);
                second.finished(report);
            }
        };
    }
}
