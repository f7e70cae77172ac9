package dev.arf.store;

import static dev.arf.store.SqlValues.instant;
import static dev.arf.store.SqlValues.named;
import static dev.arf.store.SqlValues.setInstant;
import static dev.arf.store.SqlValues.setName;

import dev.arf.core.execute.ActionOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of {@code decisions}: one per action outcome, filed under the service the action targets,
 * with the whole action as JSON and its type and idempotency key as columns for ad-hoc queries.
 */
final class DecisionTable {
    private static final String INSERT = "INSERT INTO decisions (incident_id, service, decided_at, status,"
            + " action_type, idempotency_key, detail, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RECENT = "SELECT decided_at, status, detail, action FROM decisions"
            + " WHERE service = ? ORDER BY decided_at DESC, seq DESC LIMIT ?";

    private final JsonColumns json;

    DecisionTable(JsonColumns json) {
        this.json = json;
    }

    void insert(Connection c, String incidentId, ActionOutcome outcome) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, incidentId);
            ps.setString(2, outcome.action().target());
            setInstant(ps, 3, outcome.at());
            setName(ps, 4, outcome.status());
            ps.setString(5, outcome.action().type().name());
            ps.setString(6, outcome.action().idempotencyKey());
            ps.setString(7, outcome.detail());
            ps.setString(8, json.action(outcome.action()));
            ps.executeUpdate();
        }
    }

    List<ActionOutcome> recent(Connection c, String service, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECENT)) {
            ps.setString(1, service);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<ActionOutcome> outcomes = new ArrayList<>();
                while (rs.next()) {
                    outcomes.add(new ActionOutcome(
                            json.action(rs.getString("action")),
                            named(rs, "status", ActionOutcome.Status.class),
                            rs.getString("detail"),
                            instant(rs, "decided_at")));
                }
                return outcomes;
            }
        }
    }
}
