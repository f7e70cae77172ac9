package dev.arf.store;

import static dev.arf.store.SqlValues.instant;
import static dev.arf.store.SqlValues.named;
import static dev.arf.store.SqlValues.setInstant;
import static dev.arf.store.SqlValues.setName;

import dev.arf.core.detect.Severity;
import dev.arf.core.incident.Incident;
import dev.arf.core.incident.IncidentState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code incidents}: one per id, replaced whole (timeline included) on every save. */
final class IncidentTable {
    private static final String COLUMNS = "id, fingerprint, service, title, severity, state, is_open,"
            + " impact_started_at, detected_at, resolved_at, cause, timeline";
    private static final String INSERT =
            "INSERT INTO incidents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE incidents SET fingerprint = ?, service = ?, title = ?,"
            + " severity = ?, state = ?, is_open = ?, impact_started_at = ?, detected_at = ?,"
            + " resolved_at = ?, cause = ?, timeline = ? WHERE id = ?";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM incidents WHERE id = ?";
    private static final String NEWEST =
            "SELECT " + COLUMNS + " FROM incidents" + " ORDER BY detected_at DESC NULLS LAST, id DESC LIMIT ?";
    private static final String NEWEST_OPEN = "SELECT " + COLUMNS + " FROM incidents WHERE is_open"
            + " ORDER BY detected_at DESC NULLS LAST, id DESC LIMIT ?";

    private final JsonColumns json;

    IncidentTable(JsonColumns json) {
        this.json = json;
    }

    void save(Connection c, Incident incident) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(UPDATE);
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            update.setString(setFields(update, 1, incident), incident.id());
            insert.setString(1, incident.id());
            setFields(insert, 2, incident);
            SqlValues.upsert(update, insert);
        }
    }

    Optional<Incident> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_ID)) {
            ps.setString(1, id);
            List<Incident> found = read(ps);
            return found.stream().findFirst();
        }
    }

    List<Incident> newest(Connection c, boolean openOnly, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(openOnly ? NEWEST_OPEN : NEWEST)) {
            ps.setInt(1, limit);
            return read(ps);
        }
    }

    /** Sets every column but the id from {@code first} on; returns the next parameter index. */
    private int setFields(PreparedStatement ps, int first, Incident i) throws SQLException {
        int index = first;
        ps.setString(index++, i.fingerprint());
        ps.setString(index++, i.service());
        ps.setString(index++, i.title());
        setName(ps, index++, i.severity());
        setName(ps, index++, i.state());
        ps.setBoolean(index++, i.state() == null || i.state().isOpen());
        setInstant(ps, index++, i.impactStartedAt());
        setInstant(ps, index++, i.detectedAt());
        setInstant(ps, index++, i.resolvedAt());
        ps.setString(index++, i.cause());
        ps.setString(index++, json.timeline(i.timeline()));
        return index;
    }

    private List<Incident> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Incident> incidents = new ArrayList<>();
            while (rs.next()) {
                incidents.add(new Incident(
                        rs.getString("id"),
                        rs.getString("fingerprint"),
                        rs.getString("service"),
                        rs.getString("title"),
                        named(rs, "severity", Severity.class),
                        named(rs, "state", IncidentState.class),
                        instant(rs, "impact_started_at"),
                        instant(rs, "detected_at"),
                        instant(rs, "resolved_at"),
                        rs.getString("cause"),
                        json.timeline(rs.getString("timeline"))));
            }
            return incidents;
        }
    }
}
