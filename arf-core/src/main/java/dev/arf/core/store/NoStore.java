package dev.arf.core.store;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.DetectorSnapshot;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.incident.Incident;
import dev.arf.core.telemetry.TelemetryEvent;
import java.util.List;
import java.util.Optional;

final class NoStore implements ReliabilityStore {
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
    public Optional<DetectorSnapshot> snapshot(String service) {
        return Optional.empty();
    }

    @Override
    public void saveApproval(dev.arf.core.approval.ApprovalRequest request) {}

    @Override
    public Optional<dev.arf.core.approval.ApprovalRequest> approval(String id) {
        return Optional.empty();
    }

    @Override
    public List<dev.arf.core.approval.ApprovalRequest> approvals(boolean openOnly, int limit) {
        return List.of();
    }

    @Override
    public Optional<String> setting(String name) {
        return Optional.empty();
    }

    @Override
    public void saveSetting(String name, String value, java.time.Instant at) {}

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
