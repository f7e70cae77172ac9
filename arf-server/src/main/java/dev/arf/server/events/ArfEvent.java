package dev.arf.server.events;

import dev.arf.core.audit.AuditRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened in ARF, as the event stream, notifiers and exporters hear it: one audit
 * record (incident opened or resolved, an action's intent and outcome, a refusal, an approval, a
 * security alert, …), numbered by its position on the audit trail, so a subscriber that reconnects
 * can resume after the last sequence it saw.
 *
 * @param type the audit event name, e.g. {@code INCIDENT_OPENED}, {@code ORCH_EXEC}
 * @param subject what it is about: a service, an action target
 */
public record ArfEvent(
        long sequence, Instant at, String type, String subject, String actor, Map<String, String> details) {
    public ArfEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        details = Map.copyOf(details);
    }

    public static ArfEvent of(AuditRecord record) {
        return new ArfEvent(
                record.sequence(),
                record.entry().at(),
                record.entry().event(),
                record.entry().subject(),
                record.entry().actor(),
                record.entry().details());
    }
}
