package dev.arf.store;

import static dev.arf.store.SqlValues.instant;
import static dev.arf.store.SqlValues.setInstant;

import dev.arf.core.detect.DetectorSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Rows of {@code detector_snapshots}: the latest baselines of each service, replaced on save. */
final class SnapshotTable {
    private static final String UPDATE = "UPDATE detector_snapshots SET taken_at = ?, baselines = ? WHERE service = ?";
    private static final String INSERT =
            "INSERT INTO detector_snapshots (taken_at, baselines, service) VALUES (?, ?, ?)";
    private static final String BY_SERVICE =
            "SELECT service, taken_at, baselines FROM detector_snapshots WHERE service = ?";

    private final JsonColumns json;

    SnapshotTable(JsonColumns json) {
        this.json = json;
    }

    void save(Connection c, DetectorSnapshot snapshot) throws SQLException {
        String baselines = json.baselines(snapshot.baselines());
        try (PreparedStatement update = c.prepareStatement(UPDATE);
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (PreparedStatement ps : new PreparedStatement[] {update, insert}) {
                setInstant(ps, 1, snapshot.takenAt());
                ps.setString(2, baselines);
                ps.setString(3, snapshot.service());
            }
            SqlValues.upsert(update, insert);
        }
    }

    Optional<DetectorSnapshot> find(Connection c, String service) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_SERVICE)) {
            ps.setString(1, service);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DetectorSnapshot(
                        rs.getString("service"), instant(rs, "taken_at"), json.baselines(rs.getString("baselines"))));
            }
        }
    }
}
