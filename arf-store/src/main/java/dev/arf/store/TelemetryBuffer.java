package dev.arf.store;

import dev.arf.core.telemetry.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects telemetry appends and writes them in JDBC batches: when {@code batchSize} events are
 * waiting, and on {@link #flush()}. No timer: the owner (the engine) calls flush on its own
 * schedule, so nothing here depends on wall-clock time.
 *
 * <p>Events reach the database in the order they were appended: draining and writing happen under
 * one lock, so two flushes cannot overtake each other. Appenders only wait for that lock when their
 * append fills the batch. A batch that fails to write is dropped (telemetry is best-effort: a bad
 * row must not block every later batch) and the failure, with the number of events lost, goes to the
 * caller that triggered the write.
 */
final class TelemetryBuffer {
    private final Database database;
    private final TelemetryTable table;
    private final int batchSize;
    private final Object bufferLock = new Object();
    private final Object writeLock = new Object();
    private List<TelemetryEvent> pending;

    TelemetryBuffer(Database database, TelemetryTable table, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("telemetry batch size must be at least 1, got " + batchSize);
        }
        this.database = database;
        this.table = table;
        this.batchSize = batchSize;
        this.pending = new ArrayList<>(batchSize);
    }

    void append(TelemetryEvent event) {
        boolean full;
        synchronized (bufferLock) {
            pending.add(event);
            full = pending.size() >= batchSize;
        }
        if (full) {
            flush();
        }
    }

    /** Writes everything appended before this call. */
    void flush() {
        synchronized (writeLock) {
            List<TelemetryEvent> batch;
            synchronized (bufferLock) {
                if (pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new ArrayList<>(batchSize);
            }
            try {
                database.run("write " + batch.size() + " telemetry events", c -> {
                    table.insertAll(c, batch);
                    return null;
                });
            } catch (StoreException e) {
                throw new StoreException(e.getMessage() + " (these events are dropped)", e.getCause());
            }
        }
    }

    int pending() {
        synchronized (bufferLock) {
            return pending.size();
        }
    }
}
