package dev.arf.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Opens ARF's JDBC stores. Every store created here has an up-to-date schema (Flyway runs on open)
 * and must be closed by its owner; {@code close()} writes buffered telemetry.
 *
 * <ul>
 *   <li>{@link #embedded(Path)}: an H2 file database in {@code <dataDir>/arf.mv.db}, in PostgreSQL
 *       mode so that the same SQL serves both; one process at a time per data directory. When a commit
 *       reaches the file is a choice: {@link EmbeddedCommits}.
 *   <li>{@link #postgres(String, String, String)}: a PostgreSQL server, shared by several ARF nodes.
 *   <li>{@link #fromUrl(String)}: either, from one setting ({@code jdbc:postgresql://…} or a path).
 * </ul>
 */
public final class Stores {
    /** Telemetry events buffered before a batch is written without waiting for {@code flush()}. */
    public static final int DEFAULT_TELEMETRY_BATCH_SIZE = 500;

    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    /**
     * H2 in PostgreSQL mode so both databases share one schema. Background compaction is off
     * (AUTO_COMPACT_FILL_RATE=0): on 2 cores it took about a fifth of ingest throughput; H2 still
     * compacts for up to 200 ms when the store closes.
     */
    private static final String H2_SETTINGS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0";

    private Stores() {}

    /**
     * When a commit of the embedded database reaches its file, which decides what a killed process
     * loses. Either way a committed change is visible to every later read of the same process at once.
     */
    public enum EmbeddedCommits {
        /**
         * H2's default: a commit returns once it is in H2's memory, and H2's background writer puts it
         * into the file within its write delay (500 ms). A killed JVM loses the commits of its last
         * half second; what it loses is always a suffix, so the audit chain stays intact, only shorter.
         * The default, and the fastest.
         */
        DELAYED("", false),
        /**
         * The default: like {@link #DELAYED} for telemetry, anomalies, incidents and snapshots, but what
         * must survive a killed process — audit records (the intent before an act), approval requests
         * and settings (kill switch, the Guardian's memory, maintenance windows) — is written
         * to the file before its call returns (an H2 {@code CHECKPOINT} after the commit). Written, not
         * forced: a crash of the machine itself can still lose it.
         */
        CRITICAL_WRITTEN("", true),
        /**
         * Every commit is written to the file before it returns (H2's {@code WRITE_DELAY=0}): a killed
         * JVM loses no commit. Written, not forced: the operating system holds it, so a crash of the
         * machine itself can still lose it (PostgreSQL with {@code fsync} on is the store for that).
         * Each commit costs a file write.
         */
        WRITTEN(";WRITE_DELAY=0", false);

        private final String h2Settings;
        private final boolean checkpointsCritical;

        EmbeddedCommits(String h2Settings, boolean checkpointsCritical) {
            this.h2Settings = h2Settings;
            this.checkpointsCritical = checkpointsCritical;
        }
    }

    public static JdbcReliabilityStore embedded(Path dataDir) {
        return embedded(dataDir, DEFAULT_TELEMETRY_BATCH_SIZE);
    }

    /**
     * @throws StoreException when the directory cannot be created, is in use by another ARF process,
     *     or holds a database that cannot be opened or migrated
     */
    public static JdbcReliabilityStore embedded(Path dataDir, int telemetryBatchSize) {
        return embedded(dataDir, telemetryBatchSize, EmbeddedCommits.CRITICAL_WRITTEN);
    }

    /**
     * @param commits when a commit reaches the database file: what a killed process can lose
     * @throws StoreException when the directory cannot be created, is in use by another ARF process,
     *     or holds a database that cannot be opened or migrated
     */
    public static JdbcReliabilityStore embedded(Path dataDir, int telemetryBatchSize, EmbeddedCommits commits) {
        checkBatchSize(telemetryBatchSize);
        Objects.requireNonNull(commits, "commits");
        DataDirectory dir = DataDirectory.acquire(dataDir);
        String where = "embedded database in " + dir.path();
        try {
            if (dir.path().toString().contains(";")) {
                throw new StoreException("data directory " + dir.path() + " cannot be used: its path contains ';'");
            }
            HikariConfig config = new HikariConfig();
            config.setPoolName("arf-embedded");
            config.setJdbcUrl("jdbc:h2:file:" + dir.path().resolve("arf") + H2_SETTINGS + commits.h2Settings);
            config.setUsername("sa");
            config.setPassword("");
            config.setMaximumPoolSize(4);
            config.setMinimumIdle(1);
            Database database = open(config, where, e -> {
                if (sqlError(e) instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                    return DataDirectory.inUse(dir.path());
                }
                return new StoreException("cannot open the " + where + ": " + reason(e), e);
            });
            if (commits.checkpointsCritical) {
                database = database.writingCriticalCommits();
            }
            JdbcReliabilityStore store = migrated(database, telemetryBatchSize, dir);
            // H2 writes committed changes to its file in the background; a process killed right after a
            // first start could leave tables without their migration record. Put the schema on disk now.
            database.run("write the migrated schema of the " + where + " to disk", c -> {
                try (java.sql.Statement statement = c.createStatement()) {
                    statement.execute("CHECKPOINT SYNC");
                }
                return null;
            });
            return store;
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    public static JdbcReliabilityStore postgres(String jdbcUrl, String user, String password) {
        return postgres(jdbcUrl, user, password, DEFAULT_TELEMETRY_BATCH_SIZE);
    }

    /**
     * @param user and {@code password} may be null when the URL carries them (or trust auth is used)
     * @throws StoreException when the URL is not a PostgreSQL one, the server cannot be reached or
     *     refuses the login, or the schema cannot be migrated
     */
    public static JdbcReliabilityStore postgres(String jdbcUrl, String user, String password, int telemetryBatchSize) {
        checkBatchSize(telemetryBatchSize);
        Properties parsed = jdbcUrl == null ? null : org.postgresql.Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new StoreException(
                    "not a PostgreSQL JDBC URL: '" + jdbcUrl + "' (expected jdbc:postgresql://host:port/database)");
        }
        String where = "PostgreSQL at " + parsed.getProperty("PGHOST") + ":" + parsed.getProperty("PGPORT") + "/"
                + parsed.getProperty("PGDBNAME");
        HikariConfig config = new HikariConfig();
        config.setPoolName("arf-postgres");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("connectTimeout", "10");
        Database database =
                open(config, where, e -> new StoreException("cannot connect to " + where + ": " + reason(e), e));
        return migrated(database, telemetryBatchSize, () -> {});
    }

    /**
     * Opens the store a single setting names: {@code jdbc:postgresql://host:port/db?user=…&password=…}
     * for PostgreSQL, anything else is the embedded store's data directory.
     */
    public static JdbcReliabilityStore fromUrl(String location) {
        if (location == null || location.isBlank()) {
            throw new StoreException("no store location given: expected jdbc:postgresql://host:port/database"
                    + " or the path of a data directory");
        }
        String trimmed = location.strip();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return postgres(trimmed, null, null);
        }
        if (trimmed.startsWith("jdbc:")) {
            throw new StoreException("unsupported store URL '" + trimmed
                    + "': expected jdbc:postgresql://host:port/database or the path of a data directory");
        }
        Path dir;
        try {
            dir = Path.of(trimmed.startsWith("file:") ? trimmed.substring("file:".length()) : trimmed);
        } catch (InvalidPathException e) {
            throw new StoreException("not a valid data directory path '" + trimmed + "': " + e.getReason(), e);
        }
        return embedded(dir);
    }

    private interface FailureReport {
        StoreException describe(RuntimeException failure);
    }

    private static Database open(HikariConfig config, String where, FailureReport onFailure) {
        try {
            return new Database(new HikariDataSource(config), where);
        } catch (RuntimeException e) {
            throw onFailure.describe(e);
        }
    }

    private static JdbcReliabilityStore migrated(Database database, int batchSize, AutoCloseable onClose) {
        try {
            Migrations.migrate(database);
            return new JdbcReliabilityStore(database, batchSize, onClose);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Throwable sqlError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return t;
            }
        }
        return null;
    }

    /** The innermost message: the database's or the network's own words. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    private static void checkBatchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("telemetry batch size must be at least 1, got " + size);
        }
    }
}
