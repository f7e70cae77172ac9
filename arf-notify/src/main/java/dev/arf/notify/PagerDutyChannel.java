package dev.arf.notify;

import dev.arf.core.incident.IncidentState;
import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.notify.Secret;
import dev.arf.notify.net.GuardedHttp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}). An incident that opens (or changes in any way but
 * acknowledged or resolved) sends {@code trigger}; acknowledged sends {@code acknowledge}; resolved
 * sends {@code resolve}. The {@code dedup_key} is {@code arf-<incident id>}, so it is the same after a
 * restart and every event about one incident lands on one PagerDuty alert (an event without an
 * incident uses its own id). {@code payload}: summary (≤ 1024), source (the service), severity
 * (critical, error, warning, info from ARF's critical, high, medium, low), timestamp, component,
 * class (the event type) and custom_details (the event's details).
 *
 * <p>The routing key is added at send time and never stored. PagerDuty answers 202; 400 (an invalid
 * event) is final, 429 and 5xx are retried with backoff. Sends are paced by a token bucket per routing
 * key ({@code ratePerMinute}, 120 by default) so ARF itself stays under PagerDuty's rate limit; a
 * delivery waiting for a token costs no attempt.
 */
public final class PagerDutyChannel implements Channel {
    public static final String DEFAULT_BASE_URL = "https://events.pagerduty.com";
    public static final int DEFAULT_RATE_PER_MINUTE = 120;
    public static final Set<EventType> DEFAULT_EVENTS =
            Set.of(EventType.INCIDENT_STATE_CHANGED, EventType.SECURITY_ALERT);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Secret routingKey;
    private final String enqueueUrl;
    private final Set<EventType> events;
    private final GuardedHttp http;
    private final RateLimiter limiter;

    /**
     * @param baseUrl {@link #DEFAULT_BASE_URL} or another endpoint (EU: {@code https://events.eu.pagerduty.com})
     * @param events empty = {@link #DEFAULT_EVENTS}
     */
    public PagerDutyChannel(
            Secret routingKey, String baseUrl, Set<EventType> events, int ratePerMinute, GuardedHttp http) {
        this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
        String base = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
        this.enqueueUrl = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v2/enqueue";
        this.events = events.isEmpty() ? DEFAULT_EVENTS : Set.copyOf(events);
        this.limiter = new RateLimiter(ratePerMinute);
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public String name() {
        return "pagerduty";
    }

    @Override
    public String receiver() {
        return Channels.hostPort(enqueueUrl);
    }

    @Override
    public boolean accepts(Notification n) {
        return events.contains(n.type());
    }

    /** The dedup_key for a notification: stable across restarts, one per incident. */
    public static String dedupKey(Notification n) {
        return Channels.truncate("arf-" + (n.incidentId() != null ? n.incidentId() : n.id()), 255);
    }

    @Override
    public Optional<String> render(Notification n) {
        ObjectNode event = JSON.createObjectNode();
        String action = n.incidentState() == IncidentState.RESOLVED
                ? "resolve"
                : n.incidentState() == IncidentState.ACKNOWLEDGED ? "acknowledge" : "trigger";
        event.put("event_action", action);
        event.put("dedup_key", dedupKey(n));
        if (action.equals("trigger")) {
            ObjectNode payload = event.putObject("payload");
            payload.put(
                    "summary",
                    Channels.truncate(n.summary().isBlank() ? n.type().wireName() : n.summary(), 1024));
            payload.put("source", n.service() == null ? "arf" : n.service());
            payload.put(
                    "severity",
                    switch (n.severity()) {
                        case CRITICAL -> "critical";
                        case HIGH -> "error";
                        case MEDIUM -> "warning";
                        case LOW -> "info";
                    });
            payload.put("timestamp", n.occurredAt().toString());
            if (n.service() != null) {
                payload.put("component", n.service());
            }
            payload.put("class", n.type().wireName());
            payload.set("custom_details", n.payload());
            event.put("client", "ARF");
        }
        return Optional.of(JSON.writeValueAsString(event));
    }

    @Override
    public Optional<Instant> readyAt(Instant now) {
        return limiter.reserve(now);
    }

    @Override
    public Attempt send(OutboxEntry entry, Instant now) {
        ObjectNode stored = (ObjectNode) JSON.readTree(entry.body());
        ObjectNode event = JSON.createObjectNode();
        event.put("routing_key", routingKey.reveal());
        event.setAll(stored);
        return HttpAttempts.of(
                http.post(
                        enqueueUrl,
                        Map.of("Accept", "application/json"),
                        JSON.writeValueAsString(event),
                        "application/json"),
                now);
    }

    @Override
    public List<Secret> secrets() {
        return List.of(routingKey);
    }

    @Override
    public String toString() {
        return "PagerDutyChannel[" + receiver() + "]";
    }
}
