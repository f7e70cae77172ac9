package dev.arf.store;

import static dev.arf.store.SqlValues.instant;
import static dev.arf.store.SqlValues.setInstant;

import dev.arf.core.blueprint.BlueprintVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code blueprint_versions}: one per version, only ever inserted. */
final class BlueprintTable {
    private static final String COLUMNS = "name, version, sha256, yaml, applied_by, applied_at, note";
    private static final String INSERT =
            "INSERT INTO blueprint_versions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String NEWEST_FIRST =
            "SELECT " + COLUMNS + " FROM blueprint_versions WHERE name = ? ORDER BY version DESC";
    private static final String LATEST = NEWEST_FIRST + " LIMIT 1";
    private static final String ONE = "SELECT " + COLUMNS + " FROM blueprint_versions WHERE name = ? AND version = ?";
    private static final String NAMES = "SELECT DISTINCT name FROM blueprint_versions";

    void insert(Connection c, BlueprintVersion v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, v.name());
            ps.setInt(2, v.version());
            ps.setString(3, v.sha256());
            ps.setString(4, v.yaml());
            ps.setString(5, v.appliedBy());
            setInstant(ps, 6, v.appliedAt());
            ps.setString(7, v.note());
            ps.executeUpdate();
        }
    }

    List<BlueprintVersion> newestFirst(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEWEST_FIRST)) {
            ps.setString(1, name);
            return read(ps);
        }
    }

    Optional<BlueprintVersion> latest(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LATEST)) {
            ps.setString(1, name);
            return read(ps).stream().findFirst();
        }
    }

    Optional<BlueprintVersion> find(Connection c, String name, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ONE)) {
            ps.setString(1, name);
            ps.setInt(2, version);
            return read(ps).stream().findFirst();
        }
    }

    /** Every name, unordered (the caller sorts them as Java does, whatever the database's collation). */
    List<String> names(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(NAMES);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static List<BlueprintVersion> read(PreparedStatement ps) throws SQLException {
        List<BlueprintVersion> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new BlueprintVersion(
                        rs.getString("name"),
                        rs.getInt("version"),
                        rs.getString("sha256"),
                        rs.getString("yaml"),
                        rs.getString("applied_by"),
                        instant(rs, "applied_at"),
                        rs.getString("note")));
            }
        }
        return out;
    }
}
