package dev.arf.store;

import static dev.arf.store.SqlValues.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Rows of {@code settings}: named values, replaced on save. */
final class SettingsTable {
    private static final String UPDATE = "UPDATE settings SET setting_value = ?, updated_at = ? WHERE setting_name = ?";
    private static final String INSERT =
            "INSERT INTO settings (setting_value, updated_at, setting_name) VALUES (?, ?, ?)";
    private static final String BY_NAME = "SELECT setting_value FROM settings WHERE setting_name = ?";

    void save(Connection c, String name, String value, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(UPDATE);
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (PreparedStatement ps : new PreparedStatement[] {update, insert}) {
                ps.setString(1, value);
                setInstant(ps, 2, at);
                ps.setString(3, name);
            }
            SqlValues.upsert(update, insert);
        }
    }

    Optional<String> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_NAME)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString("setting_value")) : Optional.empty();
            }
        }
    }
}
