package dev.arf.notify;

import dev.arf.core.detect.Severity;
import dev.arf.core.incident.IncidentState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event ARF tells people and systems about. Immutable.
 *
 * @param id unique per event (the event stream's id); a notification published twice with the same id
 *     is delivered once per channel
 * @param type what happened
 * @param service the service it is about; null for fleet-wide events
 * @param incidentId the incident it is about, if any (anti-spam and PagerDuty's dedup_key derive from it)
 * @param incidentState the incident's state after the event, if it is about one
 * @param severity how bad
 * @param summary one line for people, e.g. {@code checkout: p99 latency 850 ms (threshold 500 ms)}
 * @param occurredAt when it happened
 * @param payloadJson details as a JSON object (sent as {@code data.details} to webhooks)
 */
public record Notification(
        String id,
        EventType type,
        String service,
        String incidentId,
        IncidentState incidentState,
        Severity severity,
        String summary,
        Instant occurredAt,
        String payloadJson) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public Notification {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("a notification id is 1 to 200 characters");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(occurredAt, "occurredAt");
        payloadJson = payloadJson == null || payloadJson.isBlank() ? "{}" : payloadJson;
        JsonNode parsed;
        try {
            parsed = JSON.readTree(payloadJson);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the payload of notification " + id + " is not JSON");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalArgumentException("the payload of notification " + id + " must be a JSON object");
        }
    }

    public Optional<String> incident() {
        return Optional.ofNullable(incidentId);
    }

    /** The payload, parsed. */
    public JsonNode payload() {
        return JSON.readTree(payloadJson);
    }
}
