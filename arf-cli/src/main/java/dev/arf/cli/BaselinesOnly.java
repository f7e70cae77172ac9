package dev.arf.cli;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.DetectorSnapshot;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.incident.Incident;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.telemetry.TelemetryEvent;
import java.util.List;
import java.util.Optional;

/**
 * A view of a store that reads learned baselines and writes nothing: {@code arf analyze} asks
 * "what would ARF make of this?" and must not open incidents or record events in the real store.
 */
final class BaselinesOnly implements ReliabilityStore {
    private final ReliabilityStore store;

    BaselinesOnly(ReliabilityStore store) {
        this.store = store;
    }

    @Override
    public Optional<DetectorSnapshot> snapshot(String service) {
        return store.snapshot(service);
    }

    @Override
    public void append(TelemetryEvent event) {}

    @Override
    public List<TelemetryEvent> recentEvents(String service, int limit) {
        return List.of();
    }

    @Override
    public void saveAnomaly(Detection anomaly) {}

    @Override
    public List<Detection> anomalies(String service, int limit) {
        return List.of();
    }

    @Override
    public void saveIncident(Incident incident) {}

    @Override
    public Optional<Incident> incident(String id) {
        return Optional.empty();
    }

    @Override
    public List<Incident> incidents(boolean openOnly, int limit) {
        return List.of();
    }

    @Override
    public void saveDecision(String incidentId, ActionOutcome outcome) {}

    @Override
    public List<ActionOutcome> decisions(String service, int limit) {
        return List.of();
    }

    @Override
    public void saveSnapshot(DetectorSnapshot snapshot) {}

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
