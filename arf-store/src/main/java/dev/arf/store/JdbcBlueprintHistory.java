package dev.arf.store;

import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.core.blueprint.BlueprintVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link BlueprintHistory} in the store's database ({@code blueprint_versions}), one per {@link
 * JdbcReliabilityStore}, usable while the store is open.
 *
 * <p>{@link #record} reads the name's latest version and inserts the next one in one transaction,
 * committed before it returns. Threads of one process take turns; another process recording the same
 * name at the same moment collides on the primary key {@code (name, version)}, and the loser reads
 * the new latest and tries again (a few times), so versions stay consecutive and no text is lost.
 */
final class JdbcBlueprintHistory implements BlueprintHistory {
    /** How often a record is tried when other writers keep taking the next version first. */
    private static final int ATTEMPTS = 20;
    /** H2's "concurrent update" error: another transaction changed the same row first. */
    private static final int H2_CONCURRENT_UPDATE = 90131;

    private final Database database;
    private final BlueprintTable table;
    private final Runnable ensureOpen;

    JdbcBlueprintHistory(Database database, BlueprintTable table, Runnable ensureOpen) {
        this.database = database;
        this.table = table;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public synchronized BlueprintVersion record(String name, String yaml, String appliedBy, String note, Instant at) {
        BlueprintHistory.checkName(name);
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(appliedBy, "appliedBy");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(at, "at");
        ensureOpen.run();
        String sha = BlueprintVersion.sha256(yaml);
        SQLException lastCollision = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Connection c = database.dataSource().getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    Optional<BlueprintVersion> latest = table.latest(c, name);
                    BlueprintVersion result;
                    if (latest.isPresent() && latest.get().sha256().equals(sha)) {
                        result = latest.get();
                    } else {
                        result = new BlueprintVersion(
                                name, latest.map(v -> v.version() + 1).orElse(1), sha, yaml, appliedBy, at, note);
                        table.insert(c, result);
                    }
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (!isCollision(e)) {
                    throw new StoreException(
                            "cannot record a version of blueprint " + name + " in the " + database.where() + ": "
                                    + e.getMessage(),
                            e);
                }
                lastCollision = e;
            }
        }
        throw new StoreException(
                "cannot record a version of blueprint " + name + " in the " + database.where() + ": other writers took"
                        + " the next version " + ATTEMPTS + " times in a row",
                lastCollision);
    }

    @Override
    public List<BlueprintVersion> versions(String name) {
        Objects.requireNonNull(name, "name");
        ensureOpen.run();
        return database.run("read the versions of blueprint " + name, c -> table.newestFirst(c, name));
    }

    @Override
    public Optional<BlueprintVersion> version(String name, int n) {
        Objects.requireNonNull(name, "name");
        ensureOpen.run();
        return database.run("read version " + n + " of blueprint " + name, c -> table.find(c, name, n));
    }

    @Override
    public Optional<BlueprintVersion> latest(String name) {
        Objects.requireNonNull(name, "name");
        ensureOpen.run();
        return database.run("read the latest version of blueprint " + name, c -> table.latest(c, name));
    }

    @Override
    public List<String> names() {
        ensureOpen.run();
        return database.run("list the blueprints", table::names).stream()
                .sorted()
                .toList();
    }

    @Override
    public String toString() {
        return "JdbcBlueprintHistory[" + database.where() + "]";
    }

    /** Another writer inserted the same (name, version) first: both databases' duplicate key, or H2's concurrent update. */
    private static boolean isCollision(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s
                    && (SqlValues.isUniqueViolation(s) || s.getErrorCode() == H2_CONCURRENT_UPDATE)) {
                return true;
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
