package dev.arf.notify;

import dev.arf.core.incident.IncidentState;
import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.notify.Secret;
import dev.arf.notify.net.GuardedHttp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jira Cloud issue creation (REST API v3, {@code POST /rest/api/3/issue}), basic auth with an account
 * e-mail and an API token. One issue when an incident opens (and for the other configured event
 * types): project, issue type, summary ({@code [ARF] …}, ≤ 255), labels {@code arf} and {@code
 * arf-<incident id>} (to find the issue of an incident), and the description in Atlassian Document
 * Format — the summary, a bullet list of service, incident, state and severity, and the details as a
 * JSON code block. Jira answers 201. Creation is not idempotent on Jira's side: a delivery retried
 * after a lost answer can create a second issue (at least once).
 */
public final class JiraChannel implements Channel {
    public static final Set<EventType> DEFAULT_EVENTS =
            Set.of(EventType.INCIDENT_STATE_CHANGED, EventType.SECURITY_ALERT);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String issueUrl;
    private final String email;
    private final Secret apiToken;
    private final String project;
    private final String issueType;
    private final Set<EventType> events;
    private final GuardedHttp http;

    public JiraChannel(
            String baseUrl,
            String email,
            Secret apiToken,
            String project,
            String issueType,
            Set<EventType> events,
            GuardedHttp http) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.issueUrl =
                (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/rest/api/3/issue";
        this.email = Objects.requireNonNull(email, "email");
        this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
        this.project = Objects.requireNonNull(project, "project");
        this.issueType = issueType == null ? "Task" : issueType;
        this.events = events.isEmpty() ? DEFAULT_EVENTS : Set.copyOf(events);
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public String name() {
        return "jira";
    }

    @Override
    public String receiver() {
        return Channels.hostPort(issueUrl);
    }

    /** The configured types; for incident state changes only the opening one (an issue per incident). */
    @Override
    public boolean accepts(Notification n) {
        return events.contains(n.type())
                && (n.type() != EventType.INCIDENT_STATE_CHANGED
                        || n.incidentState() == null
                        || n.incidentState() == IncidentState.OPEN);
    }

    @Override
    public Optional<String> render(Notification n) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode fields = root.putObject("fields");
        fields.putObject("project").put("key", project);
        fields.putObject("issuetype").put("name", issueType);
        fields.put("summary", Channels.truncate("[ARF] " + n.summary().replace('\n', ' '), 255));
        ArrayNode labels = fields.putArray("labels");
        labels.add("arf");
        if (n.incidentId() != null) {
            labels.add(Channels.truncate("arf-" + n.incidentId().replaceAll("\\s", "_"), 255));
        }
        ObjectNode doc = fields.putObject("description");
        doc.put("type", "doc");
        doc.put("version", 1);
        ArrayNode content = doc.putArray("content");
        content.add(paragraph(n.summary()));
        ArrayNode items = JSON.createArrayNode();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Event", n.type().wireName());
        if (n.service() != null) {
            facts.put("Service", n.service());
        }
        if (n.incidentId() != null) {
            facts.put("Incident", n.incidentId());
        }
        if (n.incidentState() != null) {
            facts.put("State", Channels.stateName(n));
        }
        facts.put("Severity", n.severity().key());
        facts.put("Occurred at", n.occurredAt().toString());
        facts.forEach((k, v) -> {
            ObjectNode item = items.addObject();
            item.put("type", "listItem");
            item.putArray("content").add(paragraph(k + ": " + v));
        });
        ObjectNode list = content.addObject();
        list.put("type", "bulletList");
        list.set("content", items);
        ObjectNode code = content.addObject();
        code.put("type", "codeBlock");
        code.putObject("attrs").put("language", "json");
        code.putArray("content").add(textNode(n.payload().toPrettyString()));
        return Optional.of(JSON.writeValueAsString(root));
    }

    private static ObjectNode paragraph(String text) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "paragraph");
        p.putArray("content").add(textNode(text.isEmpty() ? " " : text));
        return p;
    }

    private static ObjectNode textNode(String text) {
        ObjectNode t = JSON.createObjectNode();
        t.put("type", "text");
        t.put("text", text);
        return t;
    }

    @Override
    public Attempt send(OutboxEntry entry, Instant now) {
        String basic =
                Base64.getEncoder().encodeToString((email + ":" + apiToken.reveal()).getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = Map.of("Authorization", "Basic " + basic, "Accept", "application/json");
        return HttpAttempts.of(http.post(issueUrl, headers, entry.body(), "application/json"), now);
    }

    @Override
    public List<Secret> secrets() {
        return List.of(
                apiToken,
                Secret.of(Base64.getEncoder()
                        .encodeToString((email + ":" + apiToken.reveal()).getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public String toString() {
        return "JiraChannel[" + receiver() + ", project " + project + "]";
    }
}
