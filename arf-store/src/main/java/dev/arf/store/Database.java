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

    Database(HikariDataSource pool, String where) {
        this.pool = pool;
        this.where = where;
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
