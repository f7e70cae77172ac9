package dev.arf.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A connection pool and the place it points to, named for error messages ("embedded database in
 * /var/lib/arf", "PostgreSQL at db:5432/arf"). Every failure becomes a {@link StoreException} that
 * says what was being done, where, and the database's reason.
 */
final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final String where;
    private final boolean writeCritical;

    Database(HikariDataSource pool, String where) {
        this(pool, where, false);
    }

    private Database(HikariDataSource pool, String where, boolean writeCritical) {
        this.pool = pool;
        this.where = where;
        this.writeCritical = writeCritical;
    }

    /** The same database, where {@link #writeCritical} puts a committed change into the file at once. */
    Database writingCriticalCommits() {
        return new Database(pool, where, true);
    }

    /**
     * After committing something that must survive a killed process (an audit record, an approval, a
     * setting): with an embedded database that writes commits in the background, write it now.
     */
    void writeCritical(Connection c) throws SQLException {
        if (writeCritical) {
            try (java.sql.Statement statement = c.createStatement()) {
                statement.execute("CHECKPOINT");
            }
        }
    }

    <T> T run(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + " in the " + where + ": " + e.getMessage(), e);
        }
    }

    DataSource dataSource() {
        return pool;
    }

    String where() {
        return where;
    }

    @Override
    public void close() {
        pool.close();
    }
}
