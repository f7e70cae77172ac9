package dev.arf.core.audit;

import java.util.List;

/**
 * Port to the append-only, hash-chained audit trail.
 *
 * <p>Contract: {@link #append} returns only once the record is durable (for a durable log) and
 * assigns consecutive sequence numbers from 1, chaining each hash to the previous one with {@link
 * AuditChain#hash}; if it cannot, it throws {@link AuditUnavailableException} and nothing was
 * appended. Thread-safe: concurrent appends are serialised into one chain (implementations may group
 * them into one commit).
 */
public interface AuditLog {
    AuditRecord append(AuditEntry entry);

    /** Records with {@code sequence >= fromSequence}, in order, at most {@code limit}. */
    List<AuditRecord> read(long fromSequence, int limit);

    /** How many records the chain holds (the last sequence number). */
    long size();
}
