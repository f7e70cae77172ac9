package dev.arf.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How core values map to columns, identically on H2 and PostgreSQL: instants as {@code TIMESTAMP
 * WITH TIME ZONE} in UTC through JDBC 4.2's {@link OffsetDateTime} (microsecond precision), a
 * not-reported metric (NaN) as SQL NULL, enums by name.
 */
final class SqlValues {
    private SqlValues() {}

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static void setMetric(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    static double metric(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : value;
    }

    static void setName(PreparedStatement ps, int index, Enum<?> value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value.name());
        }
    }

    static <E extends Enum<E>> E named(ResultSet rs, String column, Class<E> type) throws SQLException {
        String name = rs.getString(column);
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** Both databases report a duplicate key with the standard SQLSTATE. */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * Inserts or replaces one row, portably (H2 and PostgreSQL share no upsert syntax in every
     * mode): update first; insert when nothing was there; if a concurrent writer inserted the same
     * key in between, update again.
     */
    static void upsert(PreparedStatement update, PreparedStatement insert) throws SQLException {
        if (update.executeUpdate() > 0) {
            return;
        }
        try {
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            update.executeUpdate();
        }
    }
}
