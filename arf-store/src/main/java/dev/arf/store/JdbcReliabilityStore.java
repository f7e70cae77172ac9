package dev.arf.store;

import dev.arf.core.access.ApiTokenStore;
import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.core.detect.Detection;
import dev.arf.core.detect.DetectorSnapshot;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.incident.Incident;
import dev.arf.core.notify.DeliveryOutbox;
import dev.arf.core.notify.WebhookSubscriptions;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.store.TelemetryJournal;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ReliabilityStore} over JDBC, for the embedded H2 database and PostgreSQL alike (one schema,
 * one SQL dialect). Open it with {@link Stores}.
 *
 * <p>Durability: incidents, anomalies, decisions and snapshots are committed before the call
 * returns. Telemetry is buffered and written in JDBC batches when the batch is full, on {@link
 * #flush()} and on {@link #close()}; the caller flushes periodically to bound how much a crash can
 * lose. Reads of telemetry write the buffer first, so they see every earlier append. Instants are
 * kept to the microsecond. Thread-safe: every call takes its own pooled connection.
 */
public final class JdbcReliabilityStore implements ReliabilityStore {
    private final Database database;
    private final AutoCloseable onClose;
    private final TelemetryBuffer telemetryBuffer;
    private final TelemetryTable telemetry;
    private final AnomalyTable anomalies;
    private final IncidentTable incidents;
    private final DecisionTable decisions;
    private final SnapshotTable snapshots;
    private final SettingsTable settings = new SettingsTable();
    private final ApprovalTable approvals;
    private final JdbcAuditLog audit;
    private final JdbcBlueprintHistory blueprints;
    private final JdbcDeliveryOutbox outbox;
    private final JdbcWebhookSubscriptions webhooks;
    private final JdbcApiTokenStore apiTokens;
    private final JdbcTelemetryJournal journal;
    private volatile boolean closed;

    /**
     * @param onClose released after the pool is closed (the embedded data directory's lock)
     */
    JdbcReliabilityStore(Database database, int telemetryBatchSize, AutoCloseable onClose) {
        JsonColumns json = new JsonColumns();
        this.database = database;
        this.onClose = onClose;
        this.telemetry = new TelemetryTable(json);
        this.telemetryBuffer = new TelemetryBuffer(database, telemetry, telemetryBatchSize);
        this.anomalies = new AnomalyTable(json);
        this.incidents = new IncidentTable(json);
        this.decisions = new DecisionTable(json);
        this.snapshots = new SnapshotTable(json);
        this.approvals = new ApprovalTable(json);
        this.audit = new JdbcAuditLog(database, new AuditTable(json));
        this.blueprints = new JdbcBlueprintHistory(database, new BlueprintTable(), this::ensureOpen);
        this.outbox = new JdbcDeliveryOutbox(database, this::ensureOpen);
        this.webhooks = new JdbcWebhookSubscriptions(database, this::ensureOpen);
        this.apiTokens = new JdbcApiTokenStore(database, this::ensureOpen);
        this.journal = new JdbcTelemetryJournal(database, telemetry, this::ensureOpen);
    }

    @Override
    public void append(TelemetryEvent event) {
        Objects.requireNonNull(event, "event");
        ensureOpen();
        telemetryBuffer.append(event);
    }

    @Override
    public List<TelemetryEvent> recentEvents(String service, int limit) {
        checkLimit(limit);
        ensureOpen();
        telemetryBuffer.flush();
        return database.run("read telemetry of " + service, c -> telemetry.recent(c, service, limit));
    }

    @Override
    public void saveAnomaly(Detection anomaly) {
        Objects.requireNonNull(anomaly, "anomaly");
        ensureOpen();
        database.run("save an anomaly of " + anomaly.service(), c -> {
            anomalies.insert(c, anomaly);
            return null;
        });
    }

    @Override
    public List<Detection> anomalies(String service, int limit) {
        checkLimit(limit);
        ensureOpen();
        return database.run("read anomalies of " + service, c -> anomalies.recent(c, service, limit));
    }

    @Override
    public void saveIncident(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(incident.id(), "incident.id");
        ensureOpen();
        database.run("save incident " + incident.id(), c -> {
            incidents.save(c, incident);
            return null;
        });
    }

    @Override
    public Optional<Incident> incident(String id) {
        ensureOpen();
        return database.run("read incident " + id, c -> incidents.find(c, id));
    }

    @Override
    public List<Incident> incidents(boolean openOnly, int limit) {
        checkLimit(limit);
        ensureOpen();
        return database.run("list incidents", c -> incidents.newest(c, openOnly, limit));
    }

    @Override
    public void saveDecision(String incidentId, ActionOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        ensureOpen();
        database.run("save a decision of incident " + incidentId, c -> {
            decisions.insert(c, incidentId, outcome);
            return null;
        });
    }

    @Override
    public List<ActionOutcome> decisions(String service, int limit) {
        checkLimit(limit);
        ensureOpen();
        return database.run("read decisions of " + service, c -> decisions.recent(c, service, limit));
    }

    @Override
    public void saveSnapshot(DetectorSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        ensureOpen();
        database.run("save the detector snapshot of " + snapshot.service(), c -> {
            snapshots.save(c, snapshot);
            return null;
        });
    }

    @Override
    public Optional<DetectorSnapshot> snapshot(String service) {
        ensureOpen();
        return database.run("read the detector snapshot of " + service, c -> snapshots.find(c, service));
    }

    @Override
    public void saveApproval(ApprovalRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        database.run("save approval request " + request.id(), c -> {
            approvals.save(c, request);
            database.writeCritical(c);
            return null;
        });
    }

    @Override
    public Optional<ApprovalRequest> approval(String id) {
        ensureOpen();
        return database.run("read approval request " + id, c -> approvals.find(c, id));
    }

    @Override
    public List<ApprovalRequest> approvals(boolean openOnly, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        ensureOpen();
        return database.run("list approval requests", c -> approvals.newest(c, openOnly, limit));
    }

    @Override
    public Optional<String> setting(String name) {
        Objects.requireNonNull(name, "name");
        ensureOpen();
        return database.run("read the setting " + name, c -> settings.find(c, name));
    }

    @Override
    public void saveSetting(String name, String value, Instant at) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
        ensureOpen();
        database.run("save the setting " + name, c -> {
            settings.save(c, name, value, at);
            database.writeCritical(c);
            return null;
        });
    }

    /**
     * The hash-chained audit trail in this store's database: one instance per store, closed with it.
     * Appends are committed before they return, grouped into one transaction when threads append at
     * once; see {@link JdbcAuditLog}.
     */
    public AuditLog audit() {
        return audit;
    }

    /**
     * Every version of every blueprint applied, in this store's database: one instance per store,
     * usable while it is open. Each record is committed before it returns; see {@link
     * JdbcBlueprintHistory}.
     */
    public BlueprintHistory blueprints() {
        return blueprints;
    }

    /**
     * The durable outbox of notifications in this store's database (V7): a queued delivery is committed
     * before {@code enqueue} returns; see {@link JdbcDeliveryOutbox}.
     */
    public DeliveryOutbox outbox() {
        return outbox;
    }

    /** The webhook subscriptions in this store's database (V7); see {@link JdbcWebhookSubscriptions}. */
    public WebhookSubscriptions webhookSubscriptions() {
        return webhooks;
    }

    /**
     * The API tokens of this store (hashes only, table {@code api_tokens}): one instance per store,
     * usable while it is open; saves are durable when they return.
     */
    public ApiTokenStore apiTokens() {
        return apiTokens;
    }

    /**
     * Telemetry written durably with its sender's idempotency key, for the HTTP ingest: bypasses the
     * batching of {@link #append}, so use one or the other for a given event. See {@link
     * JdbcTelemetryJournal}.
     */
    public TelemetryJournal telemetryJournal() {
        return journal;
    }

    @Override
    public void flush() {
        ensureOpen();
        telemetryBuffer.flush();
    }

    /** Writes buffered telemetry, closes the pool and releases the data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            journal.close();
            audit.close();
            telemetryBuffer.flush();
        } finally {
            try {
                database.close();
            } finally {
                try {
                    onClose.close();
                } catch (Exception e) {
                    throw new StoreException("cannot release the " + database.where() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcReliabilityStore[" + database.where() + "]";
    }

    /** Where this store writes, for messages: {@code embedded database in <dir>} or {@code PostgreSQL at <host:port/db>}. */
    public String location() {
        return database.where();
    }

    /** Telemetry events appended but not yet written. */
    int pendingTelemetry() {
        return telemetryBuffer.pending();
    }

    Database database() {
        return database;
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store on the " + database.where() + " is closed");
        }
    }
}
