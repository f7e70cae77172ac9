package dev.arf.testkit;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.DetectorSnapshot;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.incident.Incident;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ReliabilityStore} that keeps everything in memory, for tests and for engines that need
 * no durability.
 *
 * <p>Same ordering contract as the JDBC stores (checked by {@link ReliabilityStoreContract}):
 * events, anomalies and decisions newest first by their own timestamp, ties broken by the later
 * write first; incidents newest first by {@code detectedAt} (missing ones last), ties by id
 * descending. Decisions belong to the service their action targets ({@code Action.target}). One
 * lock guards everything: simple, and fast enough for a fake. Nothing survives {@link #close()}.
 */
public final class InMemoryStore implements ReliabilityStore {

    /** Orders rows by time, then by write order; both descending through {@code descendingMap}. */
    private record Key(Instant at, long seq) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(
                        Key::at, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(Key::seq);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    private static final Comparator<Incident> NEWEST_INCIDENT_FIRST = Comparator.comparing(
                    Incident::detectedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Incident::id, Comparator.reverseOrder());

    private final Map<String, NavigableMap<Key, TelemetryEvent>> events = new HashMap<>();
    private final Map<String, NavigableMap<Key, Detection>> anomalies = new HashMap<>();
    private final Map<String, NavigableMap<Key, ActionOutcome>> decisions = new HashMap<>();
    private final Map<String, Incident> incidents = new HashMap<>();
    private final Map<String, DetectorSnapshot> snapshots = new HashMap<>();
    private final Map<String, String> settings = new HashMap<>();
    private final Map<String, dev.arf.core.approval.ApprovalRequest> approvals = new HashMap<>();
    private long seq;
    private boolean closed;

    @Override
    public synchronized void append(TelemetryEvent event) {
        Objects.requireNonNull(event, "event");
        ensureOpen();
        put(events, event.service(), event.timestamp(), event);
    }

    @Override
    public synchronized List<TelemetryEvent> recentEvents(String service, int limit) {
        ensureOpen();
        return newest(events, service, limit);
    }

    @Override
    public synchronized void saveAnomaly(Detection anomaly) {
        Objects.requireNonNull(anomaly, "anomaly");
        ensureOpen();
        put(anomalies, anomaly.service(), anomaly.timestamp(), anomaly);
    }

    @Override
    public synchronized List<Detection> anomalies(String service, int limit) {
        ensureOpen();
        return newest(anomalies, service, limit);
    }

    @Override
    public synchronized void saveIncident(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(incident.id(), "incident.id");
        ensureOpen();
        incidents.put(incident.id(), incident);
    }

    @Override
    public synchronized Optional<Incident> incident(String id) {
        ensureOpen();
        return Optional.ofNullable(incidents.get(id));
    }

    @Override
    public synchronized List<Incident> incidents(boolean openOnly, int limit) {
        checkLimit(limit);
        ensureOpen();
        return incidents.values().stream()
                .filter(i -> !openOnly || i.state() == null || i.state().isOpen())
                .sorted(NEWEST_INCIDENT_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized void saveDecision(String incidentId, ActionOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        ensureOpen();
        put(decisions, outcome.action().target(), outcome.at(), outcome);
    }

    @Override
    public synchronized List<ActionOutcome> decisions(String service, int limit) {
        ensureOpen();
        return newest(decisions, service, limit);
    }

    @Override
    public synchronized void saveSnapshot(DetectorSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        ensureOpen();
        snapshots.put(snapshot.service(), snapshot);
    }

    @Override
    public synchronized Optional<DetectorSnapshot> snapshot(String service) {
        ensureOpen();
        return Optional.ofNullable(snapshots.get(service));
    }

    /** Nothing is buffered: every write is visible at once. */
    @Override
    public synchronized void saveApproval(dev.arf.core.approval.ApprovalRequest request) {
        ensureOpen();
        approvals.put(request.id(), request);
    }

    @Override
    public synchronized Optional<dev.arf.core.approval.ApprovalRequest> approval(String id) {
        ensureOpen();
        return Optional.ofNullable(approvals.get(id));
    }

    @Override
    public synchronized List<dev.arf.core.approval.ApprovalRequest> approvals(boolean openOnly, int limit) {
        ensureOpen();
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return approvals.values().stream()
                .filter(r -> !openOnly || !r.state().isFinal())
                .sorted(Comparator.comparing(dev.arf.core.approval.ApprovalRequest::requestedAt)
                        .thenComparing(dev.arf.core.approval.ApprovalRequest::id)
                        .reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<String> setting(String name) {
        ensureOpen();
        return Optional.ofNullable(settings.get(Objects.requireNonNull(name, "name")));
    }

    @Override
    public synchronized void saveSetting(String name, String value, Instant at) {
        ensureOpen();
        settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public synchronized void flush() {
        ensureOpen();
    }

    /** Drops everything; later calls fail. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        closed = true;
        events.clear();
        anomalies.clear();
        decisions.clear();
        incidents.clear();
        snapshots.clear();
    }

    private <T> void put(Map<String, NavigableMap<Key, T>> byService, String service, Instant at, T value) {
        byService.computeIfAbsent(service, s -> new TreeMap<>()).put(new Key(at, seq++), value);
    }

    private static <T> List<T> newest(Map<String, NavigableMap<Key, T>> byService, String service, int limit) {
        checkLimit(limit);
        NavigableMap<Key, T> rows = byService.get(service);
        if (rows == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(Math.min(limit, rows.size()));
        for (T value : rows.descendingMap().values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(value);
        }
        return List.copyOf(out);
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the in-memory store is closed");
        }
    }
}
