package dev.arf.notify;

import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.notify.Secret;
import dev.arf.core.notify.WebhookSubscription;
import dev.arf.notify.net.GuardedHttp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deliveries to one webhook subscription, signed the Standard Webhooks way. The body is the envelope
 * {@code {"type": …, "timestamp": …, "data": {…}}}; the headers {@code webhook-id} (the delivery id,
 * the same on every retry), {@code webhook-timestamp} (seconds, at each attempt) and {@code
 * webhook-signature} (one {@code v1,} signature per secret: two during a rotation).
 */
final class WebhookChannel implements Channel {
    static final String PREFIX = "webhook:";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookSubscription subscription;
    private final GuardedHttp http;

    WebhookChannel(WebhookSubscription subscription, GuardedHttp http) {
        this.subscription = subscription;
        this.http = http;
    }

    @Override
    public String name() {
        return PREFIX + subscription.id();
    }

    @Override
    public String receiver() {
        return Channels.hostPort(subscription.url().toString());
    }

    @Override
    public boolean accepts(Notification n) {
        return subscription.wants(n.type().wireName(), n.service());
    }

    @Override
    public boolean antiSpam() {
        return false;
    }

    @Override
    public Optional<String> render(Notification n) {
        return Optional.of(envelope(n));
    }

    /** The Standard Webhooks envelope of a notification. */
    static String envelope(Notification n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", n.type().wireName());
        root.put("timestamp", n.occurredAt().toString());
        ObjectNode data = root.putObject("data");
        data.put("event_id", n.id());
        data.put("service", n.service());
        data.put("incident_id", n.incidentId());
        data.put(
                "incident_state",
                n.incidentState() == null ? null : n.incidentState().name().toLowerCase(java.util.Locale.ROOT));
        data.put("severity", n.severity().key());
        data.put("summary", n.summary());
        data.set("details", n.payload());
        return JSON.writeValueAsString(root);
    }

    @Override
    public Attempt send(OutboxEntry entry, Instant now) {
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", entry.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put(
                "webhook-signature",
                WebhookSigner.signatures(subscription.secrets(), entry.id(), timestamp, entry.body()));
        headers.put("User-Agent", "ARF-Webhooks/1");
        return HttpAttempts.of(
                http.post(subscription.url().toString(), headers, entry.body(), "application/json"), now);
    }

    @Override
    public List<Secret> secrets() {
        return subscription.secrets();
    }
}
