package dev.arf.store;

import static dev.arf.store.SqlValues.instant;
import static dev.arf.store.SqlValues.metric;
import static dev.arf.store.SqlValues.setInstant;
import static dev.arf.store.SqlValues.setMetric;

import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Rows of {@code telemetry_events}: one per event, one nullable column per standard metric. */
final class TelemetryTable {
    /** The standard metrics with a column each, named by {@link Metric#key()}, in column order. */
    private static final List<Metric> COLUMNS = List.of(
            Metric.LATENCY_P50,
            Metric.LATENCY_P95,
            Metric.LATENCY_P99,
            Metric.ERROR_RATE,
            Metric.THROUGHPUT,
            Metric.CPU_UTIL,
            Metric.MEMORY_UTIL);

    private static final String INSERT = "INSERT INTO telemetry_events (service, ts, latency_p50, latency_p95,"
            + " latency_p99, error_rate, throughput, cpu_util, memory_util, custom_metrics, labels)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RECENT = "SELECT service, ts, latency_p50, latency_p95, latency_p99, error_rate,"
            + " throughput, cpu_util, memory_util, custom_metrics, labels FROM telemetry_events"
            + " WHERE service = ? ORDER BY ts DESC, seq DESC LIMIT ?";

    private final JsonColumns json;

    TelemetryTable(JsonColumns json) {
        this.json = json;
    }

    /** Writes all events in one JDBC batch and one transaction: all or none. */
    void insertAll(Connection c, List<TelemetryEvent> events) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            insertWithin(c, events);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Writes all events in one JDBC batch inside the caller's transaction. */
    void insertWithin(Connection c, List<TelemetryEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (TelemetryEvent e : events) {
                ps.setString(1, e.service());
                setInstant(ps, 2, e.timestamp());
                int index = 3;
                for (Metric m : COLUMNS) {
                    setMetric(ps, index++, e.value(m));
                }
                ps.setString(index++, json.numbers(e.custom()));
                ps.setString(index, json.strings(e.labels()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    List<TelemetryEvent> recent(Connection c, String service, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECENT)) {
            ps.setString(1, service);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<TelemetryEvent> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(new TelemetryEvent(
                            rs.getString("service"),
                            instant(rs, "ts"),
                            metric(rs, "latency_p50"),
                            metric(rs, "latency_p95"),
                            metric(rs, "latency_p99"),
                            metric(rs, "error_rate"),
                            metric(rs, "throughput"),
                            metric(rs, "cpu_util"),
                            metric(rs, "memory_util"),
                            json.numbers(rs.getString("custom_metrics")),
                            json.strings(rs.getString("labels"))));
                }
                return events;
            }
        }
    }
}
