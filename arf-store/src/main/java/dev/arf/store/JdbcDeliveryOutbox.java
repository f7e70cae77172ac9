package dev.arf.store;

import dev.arf.core.notify.DeliveryOutbox;
import dev.arf.core.notify.DeliveryState;
import dev.arf.core.notify.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link DeliveryOutbox} in the store's database ({@code notification_outbox}, V7), one per {@link
 * JdbcReliabilityStore}. A new entry is committed — and, embedded, written to the file — before
 * {@link #enqueue} returns, so a queued delivery survives a killed process; later changes of state are
 * plain commits (losing one means a delivery is sent again: at least once, never lost).
 */
final class JdbcDeliveryOutbox implements DeliveryOutbox {
    private static final String COLUMNS = "delivery_id, channel, event_type, incident_key, incident_state, body, state,"
            + " attempts, created_at, next_attempt_at, last_error";

    private final Database database;
    private final Runnable ensureOpen;

    JdbcDeliveryOutbox(Database database, Runnable ensureOpen) {
        this.database = database;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public boolean enqueue(OutboxEntry entry) {
        Objects.requireNonNull(entry, "entry");
        ensureOpen.run();
        return database.run("queue delivery " + entry.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO notification_outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, entry.id());
                ps.setString(2, entry.channel());
                ps.setString(3, entry.eventType());
                ps.setString(4, entry.incidentKey());
                ps.setString(5, entry.incidentState());
                ps.setString(6, entry.body());
                SqlValues.setName(ps, 7, entry.state());
                ps.setInt(8, entry.attempts());
                SqlValues.setInstant(ps, 9, entry.createdAt());
                SqlValues.setInstant(ps, 10, entry.nextAttemptAt());
                ps.setString(11, entry.lastError());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (SqlValues.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
            database.writeCritical(c);
            return true;
        });
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
        ensureOpen.run();
        return database.run("read delivery " + id, c -> {
            List<OutboxEntry> found = query(
                    c,
                    "SELECT " + COLUMNS + " FROM notification_outbox WHERE delivery_id = ?",
                    ps -> ps.setString(1, id));
            return found.stream().findFirst();
        });
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
        checkLimit(limit);
        ensureOpen.run();
        return database.run(
                "list the deliveries due",
                c -> query(
                        c,
                        "SELECT " + COLUMNS
                                + " FROM notification_outbox WHERE state = 'PENDING' AND next_attempt_at <= ?"
                                + " ORDER BY next_attempt_at, created_at, seq LIMIT ?",
                        ps -> {
                            SqlValues.setInstant(ps, 1, now);
                            ps.setInt(2, limit);
                        }));
    }

    @Override
    public List<OutboxEntry> pending(int limit) {
        checkLimit(limit);
        ensureOpen.run();
        return database.run(
                "list the pending deliveries",
                c -> query(
                        c,
                        "SELECT " + COLUMNS + " FROM notification_outbox WHERE state = 'PENDING'"
                                + " ORDER BY next_attempt_at, created_at, seq LIMIT ?",
                        ps -> ps.setInt(1, limit)));
    }

    @Override
    public void delivered(String id, int attempts, Instant at) {
        update(
                id,
                "mark delivery " + id + " delivered",
                "state = 'DELIVERED', attempts = ?, next_attempt_at = ?",
                ps -> {
                    ps.setInt(1, attempts);
                    SqlValues.setInstant(ps, 2, at);
                },
                3);
    }

    @Override
    public void retryLater(String id, int attempts, Instant next, String error) {
        Objects.requireNonNull(error, "error");
        if (error.isEmpty()) {
            update(
                    id,
                    "reschedule delivery " + id,
                    "state = 'PENDING', attempts = ?, next_attempt_at = ?",
                    ps -> {
                        ps.setInt(1, attempts);
                        SqlValues.setInstant(ps, 2, next);
                    },
                    3);
        } else {
            update(
                    id,
                    "reschedule delivery " + id,
                    "state = 'PENDING', attempts = ?, next_attempt_at = ?, last_error = ?",
                    ps -> {
                        ps.setInt(1, attempts);
                        SqlValues.setInstant(ps, 2, next);
                        ps.setString(3, error);
                    },
                    4);
        }
    }

    @Override
    public void deadLetter(String id, int attempts, Instant at, String error) {
        Objects.requireNonNull(error, "error");
        update(
                id,
                "dead-letter delivery " + id,
                "state = 'DEAD', attempts = ?, next_attempt_at = ?, last_error = ?",
                ps -> {
                    ps.setInt(1, attempts);
                    SqlValues.setInstant(ps, 2, at);
                    ps.setString(3, error);
                },
                4);
    }

    @Override
    public List<OutboxEntry> deadLetters(int limit) {
        checkLimit(limit);
        ensureOpen.run();
        return database.run(
                "list the dead letters",
                c -> query(
                        c,
                        "SELECT " + COLUMNS + " FROM notification_outbox WHERE state = 'DEAD'"
                                + " ORDER BY next_attempt_at DESC, seq DESC LIMIT ?",
                        ps -> ps.setInt(1, limit)));
    }

    @Override
    public boolean requeue(String id, Instant now) {
        ensureOpen.run();
        return database.run("requeue delivery " + id, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE notification_outbox SET state = 'PENDING', attempts = 0,"
                            + " next_attempt_at = ? WHERE delivery_id = ? AND state = 'DEAD'")) {
                SqlValues.setInstant(ps, 1, now);
                ps.setString(2, id);
                boolean changed = ps.executeUpdate() > 0;
                if (changed) {
                    database.writeCritical(c);
                }
                return changed;
            }
        });
    }

    @Override
    public Optional<OutboxEntry> latestFor(String channel, String incidentKey) {
        ensureOpen.run();
        return database.run(
                "read the latest delivery about " + incidentKey,
                c -> query(
                                c,
                                "SELECT " + COLUMNS + " FROM notification_outbox WHERE channel = ? AND incident_key = ?"
                                        + " ORDER BY created_at DESC, seq DESC LIMIT 1",
                                ps -> {
                                    ps.setString(1, channel);
                                    ps.setString(2, incidentKey);
                                })
                        .stream()
                        .findFirst());
    }

    @Override
    public String toString() {
        return "JdbcDeliveryOutbox[" + database.where() + "]";
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String id, String what, String set, Binder binder, int idIndex) {
        ensureOpen.run();
        int changed = database.run(what, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE notification_outbox SET " + set + " WHERE delivery_id = ?")) {
                binder.bind(ps);
                ps.setString(idIndex, id);
                return ps.executeUpdate();
            }
        });
        if (changed == 0) {
            throw new IllegalArgumentException("no delivery " + id + " in the outbox");
        }
    }

    private static List<OutboxEntry> query(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<OutboxEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new OutboxEntry(
                            rs.getString("delivery_id"),
                            rs.getString("channel"),
                            rs.getString("event_type"),
                            rs.getString("incident_key"),
                            rs.getString("incident_state"),
                            rs.getString("body"),
                            SqlValues.named(rs, "state", DeliveryState.class),
                            rs.getInt("attempts"),
                            SqlValues.instant(rs, "created_at"),
                            SqlValues.instant(rs, "next_attempt_at"),
                            rs.getString("last_error")));
                }
                return out;
            }
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
    }
}
