package dev.arf.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What happened, as a caller hands it to the {@link AuditLog}: the log adds the sequence number and
 * the hash chain.
 *
 * @param at when, to the microsecond (finer precision is dropped so the record survives storage)
 * @param event the proof-log event name (seed 003's names where they exist: {@code RUNTIME_EMIT},
 *     {@code EXECUTION_GATE_PASSED}, {@code ORCH_EXEC}, {@code ORCH_REFUSE}, …; see {@link AuditEvents})
 * @param subject what it is about: a service, an action target, an incident id
 * @param actor who did it: {@code engine}, {@code policy:NAME}, a person's identity
 * @param details the numbers and reasons behind it, sorted by key so the record hashes the same way
 *     everywhere
 */
public record AuditEntry(Instant at, String event, String subject, String actor, Map<String, String> details) {
    public AuditEntry {
        // Databases keep microseconds; a record must hash the same before and after it is stored.
        at = Objects.requireNonNull(at, "at").truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(actor, "actor");
        details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }
}
