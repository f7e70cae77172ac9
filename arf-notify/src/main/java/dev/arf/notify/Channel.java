package dev.arf.notify;

import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.notify.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One place notifications go: a webhook subscription, Slack, PagerDuty, Jira, email. A channel renders
 * a notification into the exact body its receiver documents (once, when queued: the outbox keeps it)
 * and sends a queued body, adding its credentials only then.
 */
public interface Channel {
    /** The outbox's channel name: {@code webhook:<id>}, {@code slack}, {@code pagerduty}, {@code jira}, {@code email}. */
    String name();

    /**
     * Who receives, for the per-receiver circuit: {@code host:port}, so every channel and subscription
     * sending to one server shares one circuit; never a secret.
     */
    String receiver();

    /** True when this channel wants the notification at all. */
    boolean accepts(Notification notification);

    /** True when the anti-spam rule applies (alerting channels; webhooks are an event feed and get everything). */
    default boolean antiSpam() {
        return true;
    }

    /** The body to queue; empty when there is nothing to send for this notification. */
    Optional<String> render(Notification notification);

    /** Sends a queued delivery once. Never throws for a failure of the receiver or the network. */
    Attempt send(OutboxEntry entry, Instant now);

    /**
     * When the channel's own rate limit allows the next send (PagerDuty's); empty or a past instant =
     * now. A delivery held back this way costs no attempt.
     */
    default Optional<Instant> readyAt(Instant now) {
        return Optional.empty();
    }

    /** Every credential this channel holds, so that no message, log line or dead letter shows one. */
    List<Secret> secrets();
}
