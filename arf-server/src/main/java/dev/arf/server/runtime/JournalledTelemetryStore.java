package dev.arf.server.runtime;

import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.detect.Detection;
import dev.arf.core.detect.DetectorSnapshot;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.incident.Incident;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store as the server's engine sees it: everything goes to the real store, except telemetry
 * appends, which are dropped because every event the server's engine processes was already written
 * durably, with its idempotency key, by the ingest (see {@link IngestService}). Closing it does not
 * close the real store: its owner does.
 */
final class JournalledTelemetryStore implements ReliabilityStore {
    private final ReliabilityStore store;

    JournalledTelemetryStore(ReliabilityStore store) {
        this.store = store;
    }

    @Override
    public void append(TelemetryEvent event) {
        // Written by the ingest before the engine saw it.
    }

    @Override
    public List<TelemetryEvent> recentEvents(String service, int limit) {
        return store.recentEvents(service, limit);
    }

    @Override
    public void saveAnomaly(Detection anomaly) {
        store.saveAnomaly(anomaly);
    }

    @Override
    public List<Detection> anomalies(String service, int limit) {
        return store.anomalies(service, limit);
    }

    @Override
    public void saveIncident(Incident incident) {
        store.saveIncident(incident);
    }

    @Override
    public Optional<Incident> incident(String id) {
        return store.incident(id);
    }

    @Override
    public List<Incident> incidents(boolean openOnly, int limit) {
        return store.incidents(openOnly, limit);
    }

    @Override
    public void saveDecision(String incidentId, ActionOutcome outcome) {
        store.saveDecision(incidentId, outcome);
    }

    @Override
    public List<ActionOutcome> decisions(String service, int limit) {
        return store.decisions(service, limit);
    }

    @Override
    public void saveSnapshot(DetectorSnapshot snapshot) {
        store.saveSnapshot(snapshot);
    }

    @Override
    public Optional<DetectorSnapshot> snapshot(String service) {
        return store.snapshot(service);
    }

    @Override
    public Optional<String> setting(String name) {
        return store.setting(name);
    }

    @Override
    public void saveSetting(String name, String value, Instant at) {
        store.saveSetting(name, value, at);
    }

    @Override
    public void flush() {
        store.flush();
    }

    @Override
    public void close() {
        // The real store is closed by its owner.
    }

    @Override
    public void saveApproval(ApprovalRequest request) {
        store.saveApproval(request);
    }

    @Override
    public Optional<ApprovalRequest> approval(String id) {
        return store.approval(id);
    }

    @Override
    public List<ApprovalRequest> approvals(boolean openOnly, int limit) {
        return store.approvals(openOnly, limit);
    }
}
