package dev.arf.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The chain's arithmetic: how a record's hash is computed, and how a sequence of records is checked.
 *
 * <p>The hash is SHA-256 over an unambiguous encoding of (sequence, previous hash, instant, event,
 * subject, actor, details sorted by key): every field is written as its length in UTF-8 bytes, a
 * colon and the bytes, so no choice of field contents can make two different records encode alike.
 */
public final class AuditChain {
    /** The "previous hash" of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    public static String hash(long sequence, String previousHash, AuditEntry entry) {
        StringBuilder b = new StringBuilder(256);
        field(b, Long.toString(sequence));
        field(b, previousHash);
        field(b, entry.at().toString());
        field(b, entry.event());
        field(b, entry.subject());
        field(b, entry.actor());
        field(b, Integer.toString(entry.details().size()));
        for (Map.Entry<String, String> d : entry.details().entrySet()) {
            field(b, d.getKey());
            field(b, d.getValue());
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** The record that follows {@code previous} (null for the first) with this entry. */
    public static AuditRecord next(AuditRecord previous, AuditEntry entry) {
        long sequence = previous == null ? 1 : previous.sequence() + 1;
        String previousHash = previous == null ? GENESIS : previous.hash();
        return new AuditRecord(sequence, entry, previousHash, hash(sequence, previousHash, entry));
    }

    /**
     * The result of checking a chain: intact, or the first record that is not where the chain says it
     * should be (modified, removed, inserted or reordered) and what is wrong with it.
     */
    public record Verification(long checked, Optional<Long> firstBad, String problem) {
        public boolean intact() {
            return firstBad.isEmpty();
        }

        static Verification ok(long checked) {
            return new Verification(checked, Optional.empty(), "intact");
        }
    }

    /** Checks records in order; a chain must start at sequence 1. */
    public static Verification verify(Iterable<AuditRecord> records) {
        long expected = 1;
        String previousHash = GENESIS;
        long checked = 0;
        for (AuditRecord r : records) {
            if (r.sequence() != expected) {
                return bad(
                        checked,
                        expected,
                        "expected record " + expected + " but found record " + r.sequence()
                                + " (a record was removed, inserted or moved)");
            }
            if (!r.previousHash().equals(previousHash)) {
                return bad(checked, expected, "record " + expected + " does not follow the previous record's hash");
            }
            String actual = hash(r.sequence(), r.previousHash(), r.entry());
            if (!actual.equals(r.hash())) {
                return bad(
                        checked, expected, "record " + expected + " was modified: its content does not match its hash");
            }
            previousHash = r.hash();
            expected++;
            checked++;
        }
        return Verification.ok(checked);
    }

    private static Verification bad(long checked, long sequence, String problem) {
        return new Verification(checked, Optional.of(sequence), problem);
    }

    private static void field(StringBuilder b, String value) {
        b.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
    }
}
