package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationsLoaderTest {
    private static final Map<String, String> ENV = Map.of(
            "ARF_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T1/B2/slackSecretCanary",
            "ARF_PD_KEY", "pdKeyCanary",
            "ARF_JIRA_TOKEN", "jiraTokenCanary",
            "ARF_SMTP_PASSWORD", "smtpCanary");
    private final NotificationsLoader loader = new NotificationsLoader(ENV::get);

    private static final String FULL = """
            kind: Notifications
            anti_spam:
              interval: 30m
            retry:
              max_attempts: 5
              initial_backoff: 2s
              max_backoff: 10m
            ssrf:
              allow: [127.0.0.1, 10.20.0.0/16, hooks.corp.example, "*.corp.example"]
            slack:
              webhook_url: ${ARF_SLACK_WEBHOOK_URL}
              events: [incident_state_changed, security_alert]
            pagerduty:
              routing_key: ${ARF_PD_KEY}
              rate_per_minute: 60
            jira:
              url: https://example.atlassian.net
              email: arf-bot@example.com
              api_token: ${ARF_JIRA_TOKEN}
              project: OPS
              issue_type: Incident
            email:
              smtp_host: smtp.example.com
              smtp_port: 587
              username: arf
              password: ${ARF_SMTP_PASSWORD}
              from: arf@example.com
              to: [oncall@example.com]
            """;

    @Test
    void readsEveryIntegrationWithSecretsFromTheEnvironment() {
        NotificationsConfig config = loader.load(FULL, "notifications.yaml");

        assertThat(config.antiSpamInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.retry())
                .isEqualTo(new NotificationsConfig.Retry(5, Duration.ofSeconds(2), Duration.ofMinutes(10)));
        assertThat(config.ssrfAllow())
                .containsExactly("127.0.0.1", "10.20.0.0/16", "hooks.corp.example", "*.corp.example");
        assertThat(config.slack().orElseThrow().webhookUrl().reveal())
                .isEqualTo("https://hooks.slack.com/services/T1/B2/slackSecretCanary");
        assertThat(config.slack().orElseThrow().events()).containsExactly("incident_state_changed", "security_alert");
        assertThat(config.pagerDuty().orElseThrow().routingKey().reveal()).isEqualTo("pdKeyCanary");
        assertThat(config.pagerDuty().orElseThrow().ratePerMinute()).isEqualTo(60);
        assertThat(config.jira().orElseThrow().apiToken().reveal()).isEqualTo("jiraTokenCanary");
        assertThat(config.email().orElseThrow().password().reveal()).isEqualTo("smtpCanary");
        assertThat(config.email().orElseThrow().startTls()).isTrue();
        assertThat(config.toString()).doesNotContain("Canary").contains("****");
    }

    @Test
    void anEmptyFileIsTheDefaults() {
        assertThat(loader.load("", "notifications.yaml")).isEqualTo(NotificationsConfig.defaults());
    }

    @Test
    void everyProblemIsReportedWithFileLineAndColumn() {
        String yaml = """
                anti_spam:
                  interval: 1 hour
                retry:
                  initial_backoff: 10s
                  max_backoff: 5s
                slack:
                  webhook_url: ${ARF_UNSET}
                  colour: red
                """;

        assertThatThrownBy(() -> loader.load(yaml, "notifications.yaml"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::toString)
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("notifications.yaml:2:13: anti_spam.interval:"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("notifications.yaml:8:3: slack.colour:")
                                        .contains("colour")));
    }

    @Test
    void meaningIsCheckedOnceTheShapeIsRight() {
        String yaml = """
                retry:
                  initial_backoff: 10s
                  max_backoff: 5s
                ssrf:
                  allow: ["http://x/"]
                slack:
                  webhook_url: ${ARF_UNSET}
                pagerduty:
                  routing_key: key
                  url: ftp://events.example.com
                email:
                  smtp_host: smtp.example.com
                  from: not-an-address
                  to: [oncall@example.com]
                  password: ${ARF_SMTP_PASSWORD}
                """;

        assertThatThrownBy(() -> loader.load(yaml, "n.yaml"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::toString)
                                .containsExactly(
                                        "n.yaml:3:16: retry.max_backoff: must be at least initial_backoff (PT10S)",
                                        "n.yaml:5:11: ssrf.allow[0]: 'http://x/' is neither an IP address, a CIDR block nor a host name",
                                        "n.yaml:7:16: slack.webhook_url: environment variable ARF_UNSET is not set",
                                        "n.yaml:10:8: pagerduty.url: must be an http:// or https:// URL",
                                        "n.yaml:12:3: email: username and password go together (both, or neither for a relay without authentication)",
                                        "n.yaml:13:9: email.from: 'not-an-address' is not an e-mail address")
                                .allSatisfy(p -> assertThat(p).doesNotContain("smtpCanary")));
    }

    @Test
    void aMissingRequiredKeyIsNamed() {
        assertThatThrownBy(() -> loader.load("jira:\n  url: https://x.atlassian.net\n", "n.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("n.yaml:2:3: jira")
                .hasMessageContaining("api_token");
        assertThat(List.of()).isEmpty();
    }
}
