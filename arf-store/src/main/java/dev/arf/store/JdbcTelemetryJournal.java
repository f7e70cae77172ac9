package dev.arf.store;

import static dev.arf.store.SqlValues.instant;
import static dev.arf.store.SqlValues.setInstant;

import dev.arf.core.store.TelemetryJournal;
import dev.arf.core.telemetry.TelemetryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TelemetryJournal} over {@code telemetry_events} and {@code ingest_keys} (V6): the key row is
 * inserted first in the same transaction as the events, so its primary key decides a race between
 * two writes with one key, and the loser's events are rolled back. Committed, then (embedded) written
 * to the file before it returns.
 */
final class JdbcTelemetryJournal implements TelemetryJournal {
    private static final String INSERT_KEY =
            "INSERT INTO ingest_keys (idempotency_key, events, fingerprint, accepted_at) VALUES (?, ?, ?, ?)";
    private static final String BY_KEY =
            "SELECT events, fingerprint, accepted_at FROM ingest_keys WHERE idempotency_key = ?";

    private final Database database;
    private final TelemetryTable telemetry;
    private final Runnable ensureOpen;

    JdbcTelemetryJournal(Database database, TelemetryTable telemetry, Runnable ensureOpen) {
        this.database = database;
        this.telemetry = telemetry;
        this.ensureOpen = ensureOpen;
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
        String fingerprint = TelemetryJournal.fingerprint(events);
        // Stored to the microsecond; truncate here so the receipt is the same now and when replayed.
        Instant stamped = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return database.run("write " + events.size() + " telemetry events", c -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (key != null) {
                    try (PreparedStatement ps = c.prepareStatement(INSERT_KEY)) {
                        ps.setString(1, key);
                        ps.setInt(2, events.size());
                        ps.setString(3, fingerprint);
                        setInstant(ps, 4, stamped);
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        if (!SqlValues.isUniqueViolation(e)) {
                            throw e;
                        }
                        c.rollback();
                        return find(c, key).orElseThrow(() -> e);
                    }
                }
                telemetry.insertWithin(c, events);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            database.writeCritical(c);
            return new Receipt(key, events.size(), fingerprint, stamped, false);
        });
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
}
