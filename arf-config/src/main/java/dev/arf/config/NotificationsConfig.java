package dev.arf.config;

import dev.arf.core.notify.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code notifications.yaml}, validated: the integrations ARF notifies besides webhook subscriptions,
 * the anti-spam interval, retries and the SSRF allow-list. Secrets are {@link Secret}s: printing this
 * shows {@code ****}. Event lists are wire names; empty = the integration's defaults.
 */
public record NotificationsConfig(
        Duration antiSpamInterval,
        Retry retry,
        List<String> ssrfAllow,
        Optional<Slack> slack,
        Optional<PagerDuty> pagerDuty,
        Optional<Jira> jira,
        Optional<Email> email) {
    public NotificationsConfig {
        Objects.requireNonNull(antiSpamInterval, "antiSpamInterval");
        Objects.requireNonNull(retry, "retry");
        ssrfAllow = List.copyOf(ssrfAllow);
    }

    /** Nothing configured: no integration, the default rules. */
    public static NotificationsConfig defaults() {
        return new NotificationsConfig(
                Duration.ofHours(1),
                Retry.DEFAULTS,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        public static final Retry DEFAULTS = new Retry(8, Duration.ofSeconds(5), Duration.ofHours(1));
    }

    public record Slack(Secret webhookUrl, List<String> events) {
        public Slack {
            events = List.copyOf(events);
        }
    }

    /** @param url null for PagerDuty's default endpoint */
    public record PagerDuty(Secret routingKey, String url, int ratePerMinute, List<String> events) {
        public PagerDuty {
            events = List.copyOf(events);
        }
    }

    public record Jira(
            String url, String email, Secret apiToken, String project, String issueType, List<String> events) {
        public Jira {
            events = List.copyOf(events);
        }
    }

    /** @param username null, and {@code password} null, without authentication */
    public record Email(
            String smtpHost,
            int smtpPort,
            boolean startTls,
            String username,
            Secret password,
            String from,
            List<String> to,
            List<String> events) {
        public Email {
            to = List.copyOf(to);
            events = List.copyOf(events);
        }
    }
}
