package dev.arf.store;

import dev.arf.core.audit.AuditChain;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.audit.AuditUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link AuditLog} in the store's database ({@code audit_log}), one per {@link JdbcReliabilityStore}.
 *
 * <p>Durability: {@link #append} returns once the record's transaction is committed. Appends from
 * several threads are serialised into one chain by group commit: an appender queues its entry; if no
 * one is writing, it becomes the writer, takes everything queued (its own entry and whatever queued
 * meanwhile), chains the records onto the tail, writes them in one JDBC batch and one transaction,
 * then wakes the others, one of whom becomes the next writer. So under contention one commit carries
 * many records, and with a single appender each append is its own commit. No background thread, no
 * timer. (H2, the embedded database, makes a commit durable against a crash of the JVM only once its
 * store writes the commit to the file; the default {@link Stores.EmbeddedCommits#CRITICAL_WRITTEN} has
 * each batch written before its appends return.)
 *
 * <p>Failure: any database error fails every append of the batch with {@link
 * AuditUnavailableException}, nothing of it is committed, and the tail is reloaded from the database
 * before the next append, so the chain in memory never runs ahead of the chain on disk. The sequence
 * is the table's primary key: if another process appended to the same chain, the insert collides and
 * the batch fails loudly ("another writer appended ...") instead of forking the chain.
 */
final class JdbcAuditLog implements AuditLog, AutoCloseable {
    private static final String DUPLICATE_KEY = "23505";

    private final Database database;
    private final AuditTable table;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a writer finishes a batch. */
    private final Condition batchDone = lock.newCondition();
    // Guarded by lock.
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean closed;
    /** The last committed record (null: the chain is empty), valid only while tailKnown. */
    private AuditRecord tail;

    private boolean tailKnown;

    /** Loads the chain's tail. @throws StoreException when the database cannot be read */
    JdbcAuditLog(Database database, AuditTable table) {
        this.database = database;
        this.table = table;
        this.tail = database.run("read the last record of the audit chain", c -> table.last(c))
                .orElse(null);
        this.tailKnown = true;
    }

    @Override
    public AuditRecord append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        Pending mine = new Pending(entry);
        lock.lock();
        try {
            ensureOpen();
            queue.add(mine);
            while (!mine.isDone()) {
                if (writing) {
                    batchDone.awaitUninterruptibly();
                } else {
                    writeQueued();
                }
            }
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            ensureOpen();
            if (tailKnown) {
                return tail == null ? 0 : tail.sequence();
            }
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            closed = true;
            while (writing || !queue.isEmpty()) {
                batchDone.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes everything queued as one batch. Called with the lock held; releases it while the
     * database works so that more appenders can queue for the next batch.
     */
    private void writeQueued() {
        writing = true;
        List<Pending> batch = new ArrayList<>(queue);
        queue.clear();
        AuditRecord from = tail;
        boolean known = tailKnown;
        List<AuditRecord> written = null;
        AuditUnavailableException failure = null;
        lock.unlock();
        try {
            written = commit(batch, from, known);
        } catch (AuditUnavailableException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new AuditUnavailableException(
                    "cannot append " + batch.size() + " record(s) to the audit chain in the " + database.where() + ": "
                            + e + " (nothing was appended)",
                    e);
        } finally {
            lock.lock();
            writing = false;
            if (written != null) {
                tail = written.getLast();
                tailKnown = true;
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).complete(written.get(i));
                }
            } else {
                tailKnown = false;
                AuditUnavailableException reason = failure != null
                        ? failure
                        : new AuditUnavailableException(
                                "the audit writer failed in the " + database.where() + " (nothing was appended)", null);
                batch.forEach(p -> p.fail(reason));
            }
            batchDone.signalAll();
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
                database.writeCritical(c);
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

    /** One queued append and, once its batch is done, its record or its failure (guarded by lock). */
    private static final class Pending {
        final AuditEntry entry;
        private AuditRecord record;
        private AuditUnavailableException failure;

        Pending(AuditEntry entry) {
            this.entry = entry;
        }

        boolean isDone() {
            return record != null || failure != null;
        }

        void complete(AuditRecord r) {
            record = r;
        }

        void fail(AuditUnavailableException e) {
            failure = e;
        }

        AuditRecord result() {
            if (failure != null) {
                throw new AuditUnavailableException(failure.getMessage(), failure);
            }
            return record;
        }
    }
}
