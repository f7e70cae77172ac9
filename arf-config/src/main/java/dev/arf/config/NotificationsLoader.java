package dev.arf.config;

import dev.arf.core.blueprint.Units;
import dev.arf.core.notify.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Loads {@code notifications.yaml}, validated against {@code /schemas/notifications.schema.json}
 * (published in this jar) and then in code: durations, {@code max_backoff ≥ initial_backoff}, http(s)
 * URLs, e-mail addresses, allow-list entries, and {@code ${ENV_NAME}} references — a value written
 * wholly as {@code ${NAME}} is read from the environment (an unset or empty variable is a problem at
 * that value). Either every integration loads, or a {@link ConfigException} lists every problem as
 * {@code file:line:column: field: message}; no other exception escapes, and no problem repeats a
 * secret's value. Thread-safe; build one and reuse it.
 */
public final class NotificationsLoader {
    public static final String SCHEMA_RESOURCE = "/schemas/notifications.schema.json";
    private static final String FILE_KIND = "notifications file";
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]{0,127})}");
    private static final Pattern ALLOW_ENTRY = Pattern.compile("(\\*\\.)?[A-Za-z0-9.:\\-]+(/[0-9]{1,3})?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");

    private final SafeYamlReader reader = new SafeYamlReader(FILE_KIND, "a mapping of integrations", true);
    private final SchemaCheck schema = SchemaCheck.fromResource(SCHEMA_RESOURCE);
    private final Function<String, String> environment;

    /** Reads {@code ${NAME}} from the process environment. */
    public NotificationsLoader() {
        this(System::getenv);
    }

    /** @param environment how {@code ${NAME}} is looked up (tests pass a map) */
    public NotificationsLoader(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public NotificationsConfig load(Path file) {
        Objects.requireNonNull(file, "file");
        return load(SourceBytes.read(file, FILE_KIND), file.toString());
    }

    public NotificationsConfig load(String yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        return load(SourceBytes.encode(yaml, sourceName), sourceName);
    }

    public NotificationsConfig load(byte[] yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        SafeYamlReader.Document document = reader.read(yaml, sourceName);
        List<ConfigProblem> problems = new ArrayList<>(schema.check(document, sourceName));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().distinct().toList());
        }
        Reading reading = new Reading(sourceName, problems);
        NotificationsConfig config;
        try {
            config = reading.config(document.tree());
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(
                    sourceName,
                    1,
                    1,
                    FieldPath.DOCUMENT,
                    "the notification settings were refused: " + e.getClass().getSimpleName()));
            config = null;
        }
        if (!problems.isEmpty() || config == null) {
            throw new ConfigException(problems.stream().distinct().toList());
        }
        return config;
    }

    /** One pass over a tree that passed the schema. */
    private final class Reading {
        private final String source;
        private final List<ConfigProblem> problems;

        Reading(String source, List<ConfigProblem> problems) {
            this.source = source;
            this.problems = problems;
        }

        NotificationsConfig config(JsonNode root) {
            Duration antiSpam = duration(root.path("anti_spam").path("interval"), "anti_spam.interval")
                    .orElse(Duration.ofHours(1));
            JsonNode r = root.path("retry");
            NotificationsConfig.Retry d = NotificationsConfig.Retry.DEFAULTS;
            Duration initial =
                    duration(r.path("initial_backoff"), "retry.initial_backoff").orElse(d.initialBackoff());
            Duration max = duration(r.path("max_backoff"), "retry.max_backoff").orElse(d.maxBackoff());
            if (initial.isZero()) {
                problem(r.path("initial_backoff"), "retry.initial_backoff", "must be more than zero, e.g. 5s");
            } else if (max.compareTo(initial) < 0) {
                problem(
                        r.path("max_backoff").isMissingNode() ? r : r.path("max_backoff"),
                        "retry.max_backoff",
                        "must be at least initial_backoff (" + initial + ")");
            }
            NotificationsConfig.Retry retry =
                    new NotificationsConfig.Retry(r.path("max_attempts").asInt(d.maxAttempts()), initial, max);

            List<String> allow = new ArrayList<>();
            JsonNode entries = root.path("ssrf").path("allow");
            for (int i = 0; i < entries.size(); i++) {
                String e = entries.get(i).asString();
                if (!ALLOW_ENTRY.matcher(e).matches()) {
                    problem(
                            entries.get(i),
                            FieldPath.index("ssrf.allow", i),
                            "'" + FieldPath.abbreviate(e) + "' is neither an IP address, a CIDR block nor a host name");
                }
                allow.add(e);
            }

            Optional<NotificationsConfig.Slack> slack = Optional.empty();
            JsonNode s = root.path("slack");
            if (s.isObject()) {
                Secret url = secret(s.path("webhook_url"), "slack.webhook_url");
                url(s.path("webhook_url"), url, "slack.webhook_url");
                slack = Optional.ofNullable(url).map(u -> new NotificationsConfig.Slack(u, strings(s.path("events"))));
            }
            Optional<NotificationsConfig.PagerDuty> pd = Optional.empty();
            JsonNode p = root.path("pagerduty");
            if (p.isObject()) {
                Secret key = secret(p.path("routing_key"), "pagerduty.routing_key");
                String base = p.path("url").isString() ? p.path("url").asString() : null;
                if (base != null) {
                    url(p.path("url"), Secret.of(base), "pagerduty.url");
                }
                int rate = p.path("rate_per_minute").asInt(120);
                pd = Optional.ofNullable(key)
                        .map(k -> new NotificationsConfig.PagerDuty(k, base, rate, strings(p.path("events"))));
            }
            Optional<NotificationsConfig.Jira> jira = Optional.empty();
            JsonNode j = root.path("jira");
            if (j.isObject()) {
                String site = j.path("url").asString();
                url(j.path("url"), Secret.of(site), "jira.url");
                Secret email = secret(j.path("email"), "jira.email");
                Secret token = secret(j.path("api_token"), "jira.api_token");
                if (email != null && token != null) {
                    jira = Optional.of(new NotificationsConfig.Jira(
                            site,
                            email.reveal(),
                            token,
                            j.path("project").asString(),
                            j.path("issue_type").isString()
                                    ? j.path("issue_type").asString()
                                    : null,
                            strings(j.path("events"))));
                }
            }
            Optional<NotificationsConfig.Email> email = Optional.empty();
            JsonNode m = root.path("email");
            if (m.isObject()) {
                Secret user = m.has("username") ? secret(m.path("username"), "email.username") : null;
                Secret password = m.has("password") ? secret(m.path("password"), "email.password") : null;
                if (m.has("password") != m.has("username")) {
                    problem(
                            m,
                            "email",
                            "username and password go together (both, or neither for a relay without authentication)");
                }
                address(m.path("from"), "email.from");
                for (int i = 0; i < m.path("to").size(); i++) {
                    address(m.path("to").get(i), FieldPath.index("email.to", i));
                }
                email = Optional.of(new NotificationsConfig.Email(
                        m.path("smtp_host").asString(),
                        m.path("smtp_port").asInt(587),
                        m.path("starttls").asBoolean(true),
                        user == null ? null : user.reveal(),
                        password,
                        m.path("from").asString(),
                        strings(m.path("to")),
                        strings(m.path("events"))));
            }
            return new NotificationsConfig(antiSpam, retry, allow, slack, pd, jira, email);
        }

        private Optional<Duration> duration(JsonNode node, String field) {
            if (!node.isString()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Units.duration(node.asString()));
            } catch (IllegalArgumentException e) {
                problem(node, field, e.getMessage());
                return Optional.empty();
            }
        }

        /** The value, or the environment variable a {@code ${NAME}} value names; null (and a problem) when unset. */
        private Secret secret(JsonNode node, String field) {
            String raw = node.asString();
            Matcher ref = ENV_REF.matcher(raw);
            if (ref.matches()) {
                String value = environment.apply(ref.group(1));
                if (value == null || value.isEmpty()) {
                    problem(node, field, "environment variable " + ref.group(1) + " is not set");
                    return null;
                }
                return Secret.of(value);
            }
            if (raw.contains("${")) {
                problem(node, field, "write an environment reference as the whole value: ${NAME}");
                return null;
            }
            return Secret.of(raw);
        }

        private void url(JsonNode node, Secret value, String field) {
            if (value == null) {
                return;
            }
            String v = value.reveal().toLowerCase(java.util.Locale.ROOT);
            if (!(v.startsWith("https://") || v.startsWith("http://"))) {
                problem(node, field, "must be an http:// or https:// URL");
            }
        }

        private void address(JsonNode node, String field) {
            if (node.isString() && !EMAIL.matcher(node.asString()).matches()) {
                problem(node, field, "'" + FieldPath.abbreviate(node.asString()) + "' is not an e-mail address");
            }
        }

        private List<String> strings(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asString()));
            return out;
        }

        private void problem(JsonNode at, String field, String message) {
            Position p = Position.of(at);
            problems.add(new ConfigProblem(source, p.line(), p.column(), field, message));
        }
    }
}
