package dev.arf.server.stream;

import dev.arf.server.events.ArfEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audit record as the event stream sends it: its stream name (seed 004's where one fits, see
 * {@link StreamNames}), the service it is about, and the JSON payload. The id is the audit sequence,
 * so {@code Last-Event-ID} resumes exactly after it.
 */
public record StreamEvent(long id, String name, String service, Map<String, Object> payload) {
    public StreamEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        payload = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /** The stream's view of an audit record. */
    public static StreamEvent of(ArfEvent event) {
        String name = StreamNames.nameOf(event.type());
        String service = event.subject() == null ? "" : event.subject();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", event.sequence());
        payload.put("type", name);
        payload.put("at", event.at().toString());
        payload.put("service", service);
        payload.put("audit_event", event.type());
        payload.put("actor", event.actor() == null ? "" : event.actor());
        StreamNames.incidentState(event.type()).ifPresent(state -> {
            payload.put("incident_id", event.details().getOrDefault("incident", ""));
            payload.put("incident_state", state);
        });
        if (event.details().containsKey("approval")) {
            payload.put("approval_id", event.details().get("approval"));
        }
        payload.put("details", new java.util.TreeMap<>(event.details()));
        return new StreamEvent(event.sequence(), name, service, payload);
    }
}
