package dev.arf.notify;

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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack incoming webhooks: one message per notification, {@code text} (the fallback for
 * notifications) plus Block Kit {@code blocks} — a header, a section with the summary and fields
 * (service, incident, state, severity), and a context line. The webhook URL is a credential: it is
 * added at send time and masked everywhere else. Slack answers 200 {@code ok}; 400/403/404/410 are
 * final, 429 (with Retry-After) and 5xx are retried.
 */
public final class SlackChannel implements Channel {
    /** What Slack gets unless configured otherwise: everything people act on. */
    public static final Set<EventType> DEFAULT_EVENTS = Set.of(
            EventType.INCIDENT_STATE_CHANGED,
            EventType.AUTOMATED_REMEDIATION_TRIGGERED,
            EventType.SLO_VIOLATION_DETECTED,
            EventType.ERROR_BUDGET_THRESHOLD_CROSSED,
            EventType.APPROVAL_REQUESTED,
            EventType.SECURITY_ALERT);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Secret webhookUrl;
    private final Set<EventType> events;
    private final GuardedHttp http;

    /** @param events what to send; empty = {@link #DEFAULT_EVENTS} */
    public SlackChannel(Secret webhookUrl, Set<EventType> events, GuardedHttp http) {
        this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
        this.events = events.isEmpty() ? DEFAULT_EVENTS : Set.copyOf(events);
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public String receiver() {
        return Channels.hostPort(webhookUrl.reveal());
    }

    @Override
    public boolean accepts(Notification n) {
        return events.contains(n.type());
    }

    @Override
    public Optional<String> render(Notification n) {
        String title = Channels.icon(n.severity()) + " " + n.severity().key().toUpperCase(java.util.Locale.ROOT) + " · "
                + n.type().wireName().replace('_', ' ');
        ObjectNode root = JSON.createObjectNode();
        root.put("text", Channels.truncate(title + ": " + n.summary(), 3000));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        header.set("text", text("plain_text", Channels.truncate(title, 150)));
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        section.set("text", text("mrkdwn", Channels.truncate(escape(n.summary()), 3000)));
        ArrayNode fields = section.putArray("fields");
        if (n.service() != null) {
            fields.add(text("mrkdwn", "*Service*\n" + escape(n.service())));
        }
        if (n.incidentId() != null) {
            fields.add(text("mrkdwn", "*Incident*\n" + escape(n.incidentId())));
        }
        if (n.incidentState() != null) {
            fields.add(text("mrkdwn", "*State*\n" + Channels.stateName(n)));
        }
        fields.add(text("mrkdwn", "*Severity*\n" + n.severity().key()));
        if (fields.isEmpty()) {
            section.remove("fields");
        }
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        context.putArray("elements").add(text("mrkdwn", "ARF · " + n.occurredAt() + " · event " + escape(n.id())));
        return Optional.of(JSON.writeValueAsString(root));
    }

    private static ObjectNode text(String type, String value) {
        ObjectNode t = JSON.createObjectNode();
        t.put("type", type);
        t.put("text", value);
        return t;
    }

    /** Slack's mrkdwn control characters. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public Attempt send(OutboxEntry entry, Instant now) {
        return HttpAttempts.of(http.post(webhookUrl.reveal(), Map.of(), entry.body(), "application/json"), now);
    }

    /** The URL, and its path alone (a receiver echoing the request line shows only that). */
    @Override
    public List<Secret> secrets() {
        String path = java.net.URI.create(webhookUrl.reveal()).getRawPath();
        return path == null || path.length() < 8 ? List.of(webhookUrl) : List.of(webhookUrl, Secret.of(path));
    }

    @Override
    public String toString() {
        return "SlackChannel[" + receiver() + "]";
    }
}
