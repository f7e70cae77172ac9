package dev.arf.core.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain kept in memory: for engines that need no durable trail (examples, simulations, tests). It
 * keeps every record for the life of the process. Thread-safe.
 */
public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized AuditRecord append(AuditEntry entry) {
        AuditRecord next = AuditChain.next(records.isEmpty() ? null : records.get(records.size() - 1), entry);
        records.add(next);
        return next;
    }

    @Override
    public synchronized List<AuditRecord> read(long fromSequence, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        int from = (int) Math.max(0, Math.min(records.size(), fromSequence - 1));
        int to = (int) Math.min(records.size(), (long) from + limit);
        return List.copyOf(records.subList(from, to));
    }

    @Override
    public synchronized long size() {
        return records.size();
    }
}
