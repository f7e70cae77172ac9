package dev.arf.notify;

import dev.arf.config.NotificationsConfig;
import dev.arf.core.notify.DeliveryOutbox;
import dev.arf.core.notify.WebhookSubscriptions;
import dev.arf.notify.net.AllowList;
import dev.arf.notify.net.GuardedHttp;
import dev.arf.notify.net.HostResolver;
import dev.arf.notify.net.UrlGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The composition root of notifications: a {@link NotificationDispatcher} from a loaded {@code
 * notifications.yaml} ({@link dev.arf.config.NotificationsLoader}) and the store's outbox and
 * subscriptions. The server builds one, calls {@link NotificationDispatcher#start} and publishes its
 * events to it.
 */
public final class Notifications {
    private Notifications() {}

    public static NotificationDispatcher fromConfig(
            NotificationsConfig config, Clock clock, DeliveryOutbox outbox, WebhookSubscriptions subscriptions) {
        return fromConfig(config, clock, outbox, subscriptions, HostResolver.SYSTEM);
    }

    /**
     * @param resolver the DNS the SSRF guard uses (the system's; a fixed table in tests)
     * @throws IllegalArgumentException for an allow-list entry that is not a block or a host name
     */
    public static NotificationDispatcher fromConfig(
            NotificationsConfig config,
            Clock clock,
            DeliveryOutbox outbox,
            WebhookSubscriptions subscriptions,
            HostResolver resolver) {
        UrlGuard guard = new UrlGuard(AllowList.of(config.ssrfAllow()), resolver);
        GuardedHttp http = new GuardedHttp(guard);
        NotificationsConfig.Retry r = config.retry();
        NotificationDispatcher.Builder builder = NotificationDispatcher.builder()
                .clock(clock)
                .outbox(outbox)
                .subscriptions(subscriptions)
                .http(http)
                .antiSpamInterval(config.antiSpamInterval())
                .retryPolicy(new RetryPolicy(r.maxAttempts(), r.initialBackoff(), r.maxBackoff(), Duration.ofHours(6)))
                .random(new Random());
        config.slack().ifPresent(s -> builder.integration(new SlackChannel(s.webhookUrl(), events(s.events()), http)));
        config.pagerDuty()
                .ifPresent(p -> builder.integration(
                        new PagerDutyChannel(p.routingKey(), p.url(), events(p.events()), p.ratePerMinute(), http)));
        config.jira()
                .ifPresent(j -> builder.integration(new JiraChannel(
                        j.url(), j.email(), j.apiToken(), j.project(), j.issueType(), events(j.events()), http)));
        config.email()
                .ifPresent(e -> builder.integration(new EmailChannel(
                        new EmailChannel.Smtp(
                                e.smtpHost(), e.smtpPort(), e.startTls(), e.username(), e.password(), e.from(), e.to()),
                        events(e.events()),
                        guard)));
        return builder.build();
    }

    private static Set<EventType> events(List<String> names) {
        Set<EventType> out = EnumSet.noneOf(EventType.class);
        names.forEach(n -> out.add(
                EventType.fromWireName(n).orElseThrow(() -> new IllegalArgumentException("unknown event type " + n))));
        return out;
    }
}
