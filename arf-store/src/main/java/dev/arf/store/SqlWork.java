package dev.arf.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of JDBC work done on one pooled connection. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
