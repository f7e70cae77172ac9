package dev.arf.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Group commit: callers queue items and wait on their own completion; one writer thread takes everything queued
 * (up to {@code maxBatch}) and hands it to {@code writeBatch} as one batch, while the next batch queues behind it.
 * Under contention one commit carries many items; a lone item is its own batch. {@code writeBatch} must complete
 * or fail every item it is given and must not throw.
 */
final class GroupCommit<T> implements AutoCloseable {
    private static final Object STOP = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final Consumer<List<T>> writeBatch;
    private final Thread writer;

    GroupCommit(String threadName, int maxBatch, Consumer<List<T>> writeBatch) {
        this.maxBatch = maxBatch;
        this.writeBatch = writeBatch;
        this.writer = Thread.ofPlatform().name(threadName).daemon(true).start(this::writeUntilClosed);
    }

    void add(T item) {
        queue.add(item);
    }

    /** Takes an item back that the writer has not taken yet; false if it has. */
    boolean remove(T item) {
        return queue.remove(item);
    }

    /** Waits until every item queued before it is written, then stops the writer. Idempotent. */
    @Override
    public void close() {
        queue.add(STOP);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilClosed() {
        List<Object> taken = new ArrayList<>();
        while (true) {
            Object first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                continue;
            }
            taken.clear();
            taken.add(first);
            queue.drainTo(taken, maxBatch - 1);
            boolean stop = taken.remove(STOP);
            write(taken);
            if (stop) {
                List<Object> late = new ArrayList<>();
                queue.drainTo(late);
                late.remove(STOP);
                write(late);
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void write(List<Object> taken) {
        if (!taken.isEmpty()) {
            writeBatch.accept(List.copyOf((List<T>) (List<?>) taken));
        }
    }
}
