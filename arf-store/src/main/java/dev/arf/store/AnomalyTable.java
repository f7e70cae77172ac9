package dev.arf.store;

import static dev.arf.store.SqlValues.instant;
import static dev.arf.store.SqlValues.named;
import static dev.arf.store.SqlValues.setInstant;
import static dev.arf.store.SqlValues.setName;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Rows of {@code anomalies}: one per saved detection, its reasons as JSON. */
final class AnomalyTable {
    private static final String INSERT = "INSERT INTO anomalies (service, ts, score, confidence, anomalous,"
            + " anomalous_since, severity, warming_up, signals, forecasts, rules)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RECENT = "SELECT service, ts, score, confidence, anomalous, anomalous_since,"
            + " severity, warming_up, signals, forecasts, rules FROM anomalies"
            + " WHERE service = ? ORDER BY ts DESC, seq DESC LIMIT ?";

    private final JsonColumns json;

    AnomalyTable(JsonColumns json) {
        this.json = json;
    }

    void insert(Connection c, Detection d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, d.service());
            setInstant(ps, 2, d.timestamp());
            ps.setDouble(3, d.score());
            ps.setDouble(4, d.confidence());
            ps.setBoolean(5, d.anomalous());
            setInstant(ps, 6, d.anomalousSince());
            setName(ps, 7, d.severity());
            ps.setBoolean(8, d.warmingUp());
            ps.setString(9, json.signals(d.signals()));
            ps.setString(10, json.forecasts(d.forecasts()));
            ps.setString(11, json.rules(d.rules()));
            ps.executeUpdate();
        }
    }

    List<Detection> recent(Connection c, String service, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECENT)) {
            ps.setString(1, service);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Detection> detections = new ArrayList<>();
                while (rs.next()) {
                    detections.add(new Detection(
                            rs.getString("service"),
                            instant(rs, "ts"),
                            rs.getDouble("score"),
                            rs.getDouble("confidence"),
                            rs.getBoolean("anomalous"),
                            instant(rs, "anomalous_since"),
                            named(rs, "severity", Severity.class),
                            json.signals(rs.getString("signals")),
                            json.forecasts(rs.getString("forecasts")),
                            json.rules(rs.getString("rules")),
                            rs.getBoolean("warming_up")));
                }
                return detections;
            }
        }
    }
}
