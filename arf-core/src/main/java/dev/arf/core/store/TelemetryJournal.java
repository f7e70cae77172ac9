package dev.arf.core.store;

import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port for telemetry that must be durable before it is acknowledged (the HTTP ingest): events are
 * written together with the sender's idempotency key in one transaction, so a sender that retries
 * after a lost reply creates no duplicates, and a reply that says "accepted" means stored.
 *
 * <p>Contract: {@link #write} returns only once the events and the key are durable (written to the
 * file for an embedded store, committed for PostgreSQL); all or none. Thread-safe; two writes with
 * one key at once store the events once, and both callers get the first write's receipt.
 */
public interface TelemetryJournal {
    /** The longest idempotency key accepted. */
    int MAX_KEY_LENGTH = 200;

    /** The receipt of an earlier write under this key, if there was one. */
    Optional<Receipt> receipt(String key);

    /**
     * Writes the events, and the key when there is one, unless the key was written before.
     *
     * @param key the sender's idempotency key, or null for none
     * @return the new receipt, or the earlier one ({@link Receipt#replayed()} true) when the key was
     *     already written: then nothing was written now
     */
    Receipt write(String key, List<TelemetryEvent> events, Instant at);

    /**
     * What a write stored.
     *
     * @param key the idempotency key, null when the sender gave none
     * @param events how many events were stored
     * @param fingerprint {@link #fingerprint} of the events
     * @param at when they were accepted
     * @param replayed true when this is the receipt of an earlier write with the same key
     */
    record Receipt(String key, int events, String fingerprint, Instant at, boolean replayed) {
        public Receipt {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Lower-case hex SHA-256 over the events' content (service, time, every metric, sorted custom
     * metrics and labels): the same events give the same fingerprint in every process.
     */
    static String fingerprint(List<TelemetryEvent> events) {
        StringBuilder text = new StringBuilder();
        for (TelemetryEvent e : events) {
            text.append(e.service()).append('|').append(e.timestamp());
            for (dev.arf.core.telemetry.Metric m : dev.arf.core.telemetry.Metric.values()) {
                text.append('|').append(e.value(m));
            }
            text.append('|').append(new java.util.TreeMap<>(e.custom()));
            text.append('|').append(new java.util.TreeMap<>(e.labels())).append('\n');
        }
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every JDK", ex);
        }
    }
}
