package dev.arf.store;

import static dev.arf.store.SqlValues.instant;
import static dev.arf.store.SqlValues.setInstant;

import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.approval.ApprovalState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rows of {@code approvals}: one per request, replaced on every state change. */
final class ApprovalTable {
    private static final String COLUMNS = "id, fingerprint, state, is_open, operation, approvers, reason, action_json,"
            + " requested_at, expires_at, decided_by, decided_at, note";
    private static final String UPDATE = "UPDATE approvals SET fingerprint = ?, state = ?, is_open = ?, operation = ?,"
            + " approvers = ?, reason = ?, action_json = ?, requested_at = ?, expires_at = ?, decided_by = ?,"
            + " decided_at = ?, note = ? WHERE id = ?";
    private static final String INSERT = "INSERT INTO approvals (fingerprint, state, is_open, operation, approvers,"
            + " reason, action_json, requested_at, expires_at, decided_by, decided_at, note, id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM approvals WHERE id = ?";
    private static final String NEWEST =
            "SELECT " + COLUMNS + " FROM approvals ORDER BY requested_at DESC, id DESC LIMIT ?";
    private static final String NEWEST_OPEN =
            "SELECT " + COLUMNS + " FROM approvals WHERE is_open ORDER BY requested_at DESC, id DESC LIMIT ?";

    private final JsonColumns json;

    ApprovalTable(JsonColumns json) {
        this.json = json;
    }

    void save(Connection c, ApprovalRequest r) throws SQLException {
        String approvers = json.strings(toMap(r.approvers()));
        try (PreparedStatement update = c.prepareStatement(UPDATE);
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (PreparedStatement ps : new PreparedStatement[] {update, insert}) {
                ps.setString(1, r.fingerprint());
                ps.setString(2, r.state().name());
                ps.setBoolean(3, !r.state().isFinal());
                ps.setString(4, r.operation());
                ps.setString(5, approvers);
                ps.setString(6, r.reason());
                ps.setString(7, json.action(r.action()));
                setInstant(ps, 8, r.requestedAt());
                setInstant(ps, 9, r.expiresAt());
                ps.setString(10, r.decidedBy());
                setInstant(ps, 11, r.decidedAt());
                ps.setString(12, r.note());
                ps.setString(13, r.id());
            }
            SqlValues.upsert(update, insert);
        }
    }

    Optional<ApprovalRequest> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_ID)) {
            ps.setString(1, id);
            List<ApprovalRequest> found = read(ps);
            return found.stream().findFirst();
        }
    }

    List<ApprovalRequest> newest(Connection c, boolean openOnly, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(openOnly ? NEWEST_OPEN : NEWEST)) {
            ps.setInt(1, limit);
            return read(ps);
        }
    }

    private List<ApprovalRequest> read(PreparedStatement ps) throws SQLException {
        List<ApprovalRequest> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ApprovalRequest(
                        rs.getString("id"),
                        rs.getString("fingerprint"),
                        json.action(rs.getString("action_json")),
                        rs.getString("operation"),
                        fromMap(json.strings(rs.getString("approvers"))),
                        rs.getString("reason"),
                        instant(rs, "requested_at"),
                        instant(rs, "expires_at"),
                        ApprovalState.valueOf(rs.getString("state")),
                        rs.getString("decided_by"),
                        instant(rs, "decided_at"),
                        rs.getString("note")));
            }
        }
        return out;
    }

    /** Approver groups as an ordered JSON object ("0" → first, …) through the existing string-map codec. */
    private static Map<String, String> toMap(List<String> values) {
        Map<String, String> map = new java.util.TreeMap<>();
        for (int i = 0; i < values.size(); i++) {
            map.put(String.format("%04d", i), values.get(i));
        }
        return map;
    }

    private static List<String> fromMap(Map<String, String> map) {
        return new java.util.TreeMap<>(map).values().stream().toList();
    }
}
