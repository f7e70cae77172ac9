package dev.arf.store;

import static dev.arf.store.SqlValues.instant;
import static dev.arf.store.SqlValues.setInstant;

import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code audit_log}: one per record, the details as a JSON object with sorted keys. */
final class AuditTable {
    private static final String COLUMNS = "sequence, at, event, subject, actor, details, previous_hash, hash";
    private static final String INSERT = "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LAST = "SELECT " + COLUMNS + " FROM audit_log ORDER BY sequence DESC LIMIT 1";
    private static final String FROM =
            "SELECT " + COLUMNS + " FROM audit_log WHERE sequence >= ? ORDER BY sequence LIMIT ?";

    private final JsonColumns json;

    AuditTable(JsonColumns json) {
        this.json = json;
    }

    /** Writes the records in one JDBC batch; the caller owns the transaction. */
    void insertAll(Connection c, List<AuditRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (AuditRecord r : records) {
                AuditEntry e = r.entry();
                ps.setLong(1, r.sequence());
                setInstant(ps, 2, e.at());
                ps.setString(3, e.event());
                ps.setString(4, e.subject());
                ps.setString(5, e.actor());
                ps.setString(6, json.strings(e.details()));
                ps.setString(7, r.previousHash());
                ps.setString(8, r.hash());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The record with the highest sequence: the chain's tail. */
    Optional<AuditRecord> last(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LAST);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(record(rs)) : Optional.empty();
        }
    }

    List<AuditRecord> from(Connection c, long fromSequence, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FROM)) {
            ps.setLong(1, fromSequence);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<AuditRecord> records = new ArrayList<>();
                while (rs.next()) {
                    records.add(record(rs));
                }
                return records;
            }
        }
    }

    private AuditRecord record(ResultSet rs) throws SQLException {
        AuditEntry entry = new AuditEntry(
                instant(rs, "at"),
                rs.getString("event"),
                rs.getString("subject"),
                rs.getString("actor"),
                json.strings(rs.getString("details")));
        return new AuditRecord(rs.getLong("sequence"), entry, rs.getString("previous_hash"), rs.getString("hash"));
    }
}
