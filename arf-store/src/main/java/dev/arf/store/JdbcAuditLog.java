package dev.arf.store;

import dev.arf.core.audit.AuditChain;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditEvents;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.audit.AuditUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link AuditLog} in the store's database ({@code audit_log}), one per {@link JdbcReliabilityStore}.
 *
 * <p>Durability: {@link #append} returns once the record's transaction is committed. Appends from
 * several threads are serialised into one chain by group commit: an appender queues its entry and
 * waits; one writer thread takes everything queued, chains the records onto the tail, writes them in
 * one JDBC batch and one transaction, and wakes exactly the appenders of that batch, while the next
 * batch queues behind it. So under contention one commit carries many records, the commit cycle is
 * the database's own, and with a single appender each append is its own commit. (H2, the embedded
 * database, makes a commit durable against a crash of the JVM only once its store writes the commit
 * to the file; the default {@link Stores.EmbeddedCommits#CRITICAL_WRITTEN} has a batch holding an
 * intent or a person's act written before its appends return: see {@link #mustReachTheFile}.)
 *
 * <p>Failure: any database error fails every append of the batch with {@link
 * AuditUnavailableException}, nothing of it is committed, and the tail is reloaded from the database
 * before the next append, so the chain in memory never runs ahead of the chain on disk. The sequence
 * is the table's primary key: if another process appended to the same chain, the insert collides and
 * the batch fails loudly ("another writer appended ...") instead of forking the chain.
 */
final class JdbcAuditLog implements AuditLog, AutoCloseable {
    private static final String DUPLICATE_KEY = "23505";
    private static final java.util.Set<String> FORCED_EVENTS =
            java.util.Set.of(AuditEvents.ORCH_INTENT, AuditEvents.EXECUTION_GATE_PASSED);

    private final Database database;
    private final AuditTable table;
    private static final int MAX_BATCH = 1_000;

    private final GroupCommit<Pending> queue;
    private volatile boolean closed;
    /** The last committed record (null: the chain is empty), valid only while tailKnown; writer only. */
    private volatile AuditRecord tail;

    private volatile boolean tailKnown;

    /** Loads the chain's tail. @throws StoreException when the database cannot be read */
    JdbcAuditLog(Database database, AuditTable table) {
        this.database = database;
        this.table = table;
        this.tail = database.run("read the last record of the audit chain", c -> table.last(c))
                .orElse(null);
        this.tailKnown = true;
        this.queue = new GroupCommit<>("arf-audit-writer", MAX_BATCH, this::writeBatch);
    }

    @Override
    public AuditRecord append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        ensureOpen();
        Pending mine = new Pending(entry);
        queue.add(mine);
        if (closed && queue.remove(mine)) {
            ensureOpen();
        }
        return mine.result();
    }

    @Override
    public List<AuditRecord> read(long fromSequence, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        ensureOpen();
        if (limit == 0) {
            return List.of();
        }
        try (Connection c = database.dataSource().getConnection()) {
            return table.from(c, Math.max(1, fromSequence), limit);
        } catch (SQLException e) {
            throw new AuditUnavailableException(
                    "cannot read the audit chain from record " + fromSequence + " in the " + database.where() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The last sequence number this log committed, or the database's when the tail is being reloaded. */
    @Override
    public long size() {
        ensureOpen();
        if (tailKnown) {
            AuditRecord last = tail;
            return last == null ? 0 : last.sequence();
        }
        try (Connection c = database.dataSource().getConnection()) {
            return table.last(c).map(AuditRecord::sequence).orElse(0L);
        } catch (SQLException e) {
            throw new AuditUnavailableException(
                    "cannot read the size of the audit chain in the " + database.where() + ": " + e.getMessage(), e);
        }
    }

    /** Refuses new appends and waits until every queued one is written. Idempotent. */
    @Override
    public void close() {
        closed = true;
        queue.close();
    }

    private void writeBatch(List<Pending> batch) {
        try {
            List<AuditRecord> written = commit(batch, tail, tailKnown);
            tail = written.getLast();
            tailKnown = true;
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(written.get(i));
            }
        } catch (RuntimeException e) {
            tailKnown = false;
            AuditUnavailableException reason = e instanceof AuditUnavailableException a
                    ? a
                    : new AuditUnavailableException(
                            "cannot append " + batch.size() + " record(s) to the audit chain in the " + database.where()
                                    + ": " + e + " (nothing was appended)",
                            e);
            batch.forEach(p -> p.fail(reason));
        }
    }

    /** One transaction: reload the tail if unknown, chain the entries onto it, insert, commit. */
    private List<AuditRecord> commit(List<Pending> batch, AuditRecord from, boolean known) {
        long firstSequence = -1;
        try (Connection c = database.dataSource().getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                AuditRecord previous = known ? from : table.last(c).orElse(null);
                firstSequence = previous == null ? 1 : previous.sequence() + 1;
                List<AuditRecord> records = new ArrayList<>(batch.size());
                for (Pending p : batch) {
                    previous = AuditChain.next(previous, p.entry);
                    records.add(previous);
                }
                table.insertAll(c, records);
                c.commit();
                if (batch.stream().anyMatch(p -> mustReachTheFile(p.entry))) {
                    database.writeCritical(c);
                }
                return records;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                throw new AuditUnavailableException(
                        "another writer appended to the audit chain in the " + database.where() + " (record "
                                + firstSequence + " already exists): " + batch.size()
                                + " record(s) were not appended; the chain's tail is reloaded before the next append",
                        e);
            }
            throw new AuditUnavailableException(
                    "cannot append " + batch.size() + " record(s) to the audit chain in the " + database.where() + ": "
                            + e.getMessage() + " (nothing was appended)",
                    e);
        }
    }

    /**
     * Records a killed process must not lose: the intent before an act (nothing acts without it on
     * disk) and what people did (approvals, kill switch, settings). Others — observations, refusals,
     * outcomes — reach the file with the next forced batch or within the store's write delay, always
     * as a suffix of the chain.
     */
    static boolean mustReachTheFile(AuditEntry entry) {
        return FORCED_EVENTS.contains(entry.event()) || entry.actor().startsWith("person:");
    }

    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** The duplicate-key SQLSTATE, wherever the driver puts it (a batch wraps the statement's error). */
    private static boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (SQLException s = t instanceof SQLException sql ? sql : null; s != null; s = s.getNextException()) {
                if (DUPLICATE_KEY.equals(s.getSQLState())) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the audit log in the " + database.where() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "JdbcAuditLog[" + database.where() + "]";
    }

    /** One queued append and, once its batch is done, its record or its failure. */
    private static final class Pending {
        final AuditEntry entry;
        private final java.util.concurrent.CompletableFuture<AuditRecord> done =
                new java.util.concurrent.CompletableFuture<>();

        Pending(AuditEntry entry) {
            this.entry = entry;
        }

        void complete(AuditRecord r) {
            done.complete(r);
        }

        void fail(AuditUnavailableException e) {
            done.completeExceptionally(e);
        }

        AuditRecord result() {
            try {
                return done.join();
            } catch (java.util.concurrent.CompletionException e) {
                Throwable cause = e.getCause();
                throw new AuditUnavailableException(cause.getMessage(), cause);
            }
        }
    }
}
