package dev.arf.core.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One delivery of one notification to one channel, as the durable outbox keeps it. The body is the
 * exact text sent on every attempt (so a receiver sees the same {@code webhook-id} and the same bytes
 * across retries and restarts); it never holds a secret — credentials are added at send time.
 *
 * @param id the delivery id, sent as {@code webhook-id}; unique
 * @param channel who receives it: {@code webhook:<subscription id>}, {@code slack}, {@code pagerduty},
 *     {@code jira}, {@code email}
 * @param eventType the event's type name
 * @param incidentKey the incident it is about (anti-spam counts per incident and channel); may be null
 * @param incidentState the incident's state at the event (a change of state is never held back); may be null
 * @param body what is sent (JSON for HTTP channels)
 * @param state pending, delivered or dead
 * @param attempts attempts made so far
 * @param createdAt when it was queued
 * @param nextAttemptAt when it is due (pending), or when it was finished
 * @param lastError why the last attempt failed, secrets masked; empty when none failed
 */
public record OutboxEntry(
        String id,
        String channel,
        String eventType,
        String incidentKey,
        String incidentState,
        String body,
        DeliveryState state,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        String lastError) {
    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /** A new delivery, due at once. */
    public static OutboxEntry pending(
            String id,
            String channel,
            String eventType,
            String incidentKey,
            String incidentState,
            String body,
            Instant at) {
        return new OutboxEntry(
                id, channel, eventType, incidentKey, incidentState, body, DeliveryState.PENDING, 0, at, at, "");
    }

    public Optional<String> incident() {
        return Optional.ofNullable(incidentKey);
    }
}
