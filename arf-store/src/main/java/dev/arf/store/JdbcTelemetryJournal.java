package dev.arf.store;

import static dev.arf.store.SqlValues.instant;
import static dev.arf.store.SqlValues.setInstant;

import dev.arf.core.store.TelemetryJournal;
import dev.arf.core.telemetry.TelemetryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link TelemetryJournal} over {@code telemetry_events} and {@code ingest_keys} (V6): the key row is
 * inserted first in the same transaction as the events, so its primary key decides a race between
 * two writes with one key, and the loser's events are rolled back. {@link #write} returns once its
 * events are committed and (embedded) written to the file.
 *
 * <p>Group commit, as the audit log does it: a writer queues its request and waits; one writer thread
 * takes everything queued, writes each request under its own savepoint in one transaction, commits
 * once and writes the file once, then wakes exactly the writers of that batch. Under concurrent ingest
 * one file write carries many requests; a lone request is its own commit. A request that fails (other
 * than losing a key race) is rolled back to its savepoint and fails alone.
 */
final class JdbcTelemetryJournal implements TelemetryJournal, AutoCloseable {
    private static final String INSERT_KEY =
            "INSERT INTO ingest_keys (idempotency_key, events, fingerprint, accepted_at) VALUES (?, ?, ?, ?)";
    private static final String BY_KEY =
            "SELECT events, fingerprint, accepted_at FROM ingest_keys WHERE idempotency_key = ?";
    private static final int MAX_BATCH = 512;

    private final Database database;
    private final TelemetryTable telemetry;
    private final Runnable ensureOpen;
    private final GroupCommit<Pending> queue;
    private volatile boolean closed;

    JdbcTelemetryJournal(Database database, TelemetryTable telemetry, Runnable ensureOpen) {
        this.database = database;
        this.telemetry = telemetry;
        this.ensureOpen = ensureOpen;
        this.queue = new GroupCommit<>("arf-ingest-writer", MAX_BATCH, this::writeBatch);
    }

    @Override
    public Optional<Receipt> receipt(String key) {
        Objects.requireNonNull(key, "key");
        ensureOpen.run();
        return database.run("read an ingest receipt", c -> find(c, key));
    }

    @Override
    public Receipt write(String key, List<TelemetryEvent> events, Instant at) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(at, "at");
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH)) {
            throw new IllegalArgumentException("an idempotency key has 1 to " + MAX_KEY_LENGTH + " characters");
        }
        ensureOpen.run();
        // Stored to the microsecond; truncate here so the receipt is the same now and when replayed.
        Pending mine = new Pending(
                key,
                List.copyOf(events),
                TelemetryJournal.fingerprint(events),
                at.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        queue.add(mine);
        if (closed && queue.remove(mine)) {
            ensureOpen.run();
            throw new StoreException("the store is closed; nothing was written");
        }
        return mine.result();
    }

    /** Refuses new writes and waits until every queued one is written. Idempotent. */
    @Override
    public void close() {
        closed = true;
        queue.close();
    }

    private void writeBatch(List<Pending> batch) {
        List<Receipt> receipts = new ArrayList<>(batch.size());
        List<RuntimeException> failures = new ArrayList<>(batch.size());
        try {
            database.run("write " + batch.size() + " telemetry request(s)", c -> {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    for (Pending p : batch) {
                        Savepoint before = c.setSavepoint();
                        try {
                            receipts.add(writeOne(c, p));
                            failures.add(null);
                        } catch (SQLException | RuntimeException e) {
                            c.rollback(before);
                            receipts.add(null);
                            failures.add(new StoreException(
                                    "cannot write " + p.events.size() + " telemetry events in the " + database.where()
                                            + ": " + e.getMessage(),
                                    e));
                        }
                    }
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
                database.writeCritical(c);
                return null;
            });
        } catch (RuntimeException e) {
            batch.forEach(p -> p.fail(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (failures.get(i) != null) {
                batch.get(i).fail(failures.get(i));
            } else {
                batch.get(i).complete(receipts.get(i));
            }
        }
    }

    /** Inside the batch's transaction; a key already taken (earlier, or by a request before it) is a replay. */
    private Receipt writeOne(Connection c, Pending p) throws SQLException {
        if (p.key != null) {
            Savepoint beforeKey = c.setSavepoint();
            try (PreparedStatement ps = c.prepareStatement(INSERT_KEY)) {
                ps.setString(1, p.key);
                ps.setInt(2, p.events.size());
                ps.setString(3, p.fingerprint);
                setInstant(ps, 4, p.at);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!SqlValues.isUniqueViolation(e)) {
                    throw e;
                }
                c.rollback(beforeKey);
                return find(c, p.key).orElseThrow(() -> e);
            }
        }
        telemetry.insertWithin(c, p.events);
        return new Receipt(p.key, p.events.size(), p.fingerprint, p.at, false);
    }

    private static Optional<Receipt> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_KEY)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Receipt(
                                key,
                                rs.getInt("events"),
                                rs.getString("fingerprint"),
                                instant(rs, "accepted_at"),
                                true))
                        : Optional.empty();
            }
        }
    }

    private static final class Pending {
        final String key;
        final List<TelemetryEvent> events;
        final String fingerprint;
        final Instant at;
        private final CompletableFuture<Receipt> done = new CompletableFuture<>();

        Pending(String key, List<TelemetryEvent> events, String fingerprint, Instant at) {
            this.key = key;
            this.events = events;
            this.fingerprint = fingerprint;
            this.at = at;
        }

        void complete(Receipt r) {
            done.complete(r);
        }

        void fail(RuntimeException e) {
            done.completeExceptionally(e);
        }

        Receipt result() {
            try {
                return done.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
    }
}
