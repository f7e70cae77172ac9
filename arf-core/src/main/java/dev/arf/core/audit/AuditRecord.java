package dev.arf.core.audit;

import java.util.Objects;

/**
 * One link of the audit chain: an entry, its position, and the SHA-256 hash that covers the entry,
 * the position and the previous record's hash ({@link AuditChain#hash}). Changing, removing,
 * inserting or reordering any record breaks every hash after it.
 *
 * @param sequence 1 for the first record, then consecutive
 * @param previousHash the previous record's hash, {@link AuditChain#GENESIS} for the first
 */
public record AuditRecord(long sequence, AuditEntry entry, String previousHash, String hash) {
    public AuditRecord {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
