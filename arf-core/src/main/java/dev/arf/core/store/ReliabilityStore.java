package dev.arf.core.store;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.DetectorSnapshot;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.incident.Incident;
import dev.arf.core.telemetry.TelemetryEvent;
import java.util.List;
import java.util.Optional;

/**
 * Port to durable storage of what the engine saw and did.
 *
 * <p>Contract: telemetry appends may be buffered and written in batches (at most {@link
 * #flush()}-interval behind); incidents, anomalies and decisions are durable when the call
 * returns. Implementations are thread-safe. Lists are newest first.
 */
public interface ReliabilityStore extends AutoCloseable, dev.arf.core.approval.ApprovalStore {

    void append(TelemetryEvent event);

    List<TelemetryEvent> recentEvents(String service, int limit);

    void saveAnomaly(Detection anomaly);

    List<Detection> anomalies(String service, int limit);

    /** Inserts or replaces the incident with this id, timeline included. */
    void saveIncident(Incident incident);

    Optional<Incident> incident(String id);

    List<Incident> incidents(boolean openOnly, int limit);

    void saveDecision(String incidentId, ActionOutcome outcome);

    List<ActionOutcome> decisions(String service, int limit);

    void saveSnapshot(DetectorSnapshot snapshot);

    Optional<DetectorSnapshot> snapshot(String service);

    /** An operational setting (e.g. the kill switch), durable and shared by every process on the store. */
    Optional<String> setting(String name);

    /** Saves a setting; durable when the call returns. */
    void saveSetting(String name, String value, java.time.Instant at);

    /** Writes buffered telemetry now. */
    void flush();

    @Override
    void close();

    /** Keeps nothing: for engines that need no persistence (examples, benchmarks of the core). */
    ReliabilityStore NONE = new NoStore();
}
