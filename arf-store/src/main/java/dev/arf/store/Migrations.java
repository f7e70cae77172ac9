package dev.arf.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Brings a database's schema up to date with the scripts under {@code db/migration}, shared by H2 and PostgreSQL. */
final class Migrations {
    private Migrations() {}

    static void migrate(Database database) {
        try {
            Flyway.configure()
                    .dataSource(database.dataSource())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException(
                    "cannot bring the schema of the " + database.where() + " up to date: " + e.getMessage(), e);
        }
    }
}
