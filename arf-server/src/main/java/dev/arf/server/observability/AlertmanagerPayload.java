package dev.arf.server.observability;

import dev.arf.core.detect.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Alertmanager's webhook payload (version 4), read leniently as to fields it may add and strictly as
 * to what ARF uses: every alert needs a status ({@code firing} or {@code resolved}), labels naming a
 * service ({@code service}, else {@code job}, else {@code instance}) and {@code startsAt}. The
 * fingerprint is Alertmanager's; a sender without one gets a hash of the sorted labels, as
 * Alertmanager computes its own from the label set.
 *
 * @param alerts every alert, in the order sent
 */
record AlertmanagerPayload(String receiver, String status, String groupKey, List<Alert> alerts) {
    /** At most this many alerts in one payload (Alertmanager truncates with {@code max_alerts}). */
    static final int MAX_ALERTS = 1_000;

    /** One alert as ARF uses it. */
    record Alert(
            boolean firing,
            String fingerprint,
            String service,
            String name,
            Severity severity,
            String summary,
            Instant startsAt,
            Instant endsAt,
            String generatorUrl) {
        /** The key of the incident this alert opens, apart from detection's. */
        String incidentKey() {
            return "alertmanager:" + fingerprint;
        }
    }

    /** A payload that cannot be used; each problem names the field. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    /**
     * @throws Invalid naming every problem (at most 100) when the payload cannot be used
     */
    static AlertmanagerPayload read(JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new Invalid(List.of("the body must be Alertmanager's webhook payload (a JSON object)"));
        }
        JsonNode version = root.get("version");
        if (version != null && !(version.isString() && version.asString().equals("4"))) {
            problems.add("version: only Alertmanager's webhook version \"4\" is understood, got " + version);
        }
        JsonNode alertNodes = root.get("alerts");
        List<Alert> alerts = new ArrayList<>();
        if (alertNodes == null || !alertNodes.isArray()) {
            problems.add("alerts: missing (an array of alerts)");
        } else if (alertNodes.size() > MAX_ALERTS) {
            problems.add("alerts: " + alertNodes.size() + " alerts; at most " + MAX_ALERTS + " a payload");
        } else {
            for (int i = 0; i < alertNodes.size(); i++) {
                Alert alert = alert(alertNodes.get(i), "alerts[" + i + "].", problems);
                if (alert != null) {
                    alerts.add(alert);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems.size() > 100 ? problems.subList(0, 100) : problems);
        }
        return new AlertmanagerPayload(text(root, "receiver"), text(root, "status"), text(root, "groupKey"), alerts);
    }

    private static Alert alert(JsonNode node, String where, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(where.substring(0, where.length() - 1) + ": must be an object");
            return null;
        }
        int before = problems.size();
        String status = text(node, "status");
        if (!status.equals("firing") && !status.equals("resolved")) {
            problems.add(where + "status: must be firing or resolved");
        }
        Map<String, String> labels = strings(node.get("labels"), where + "labels", problems);
        Map<String, String> annotations = strings(node.get("annotations"), where + "annotations", problems);
        String service = first(labels, "service", "job", "instance");
        if (labels != null && service == null) {
            problems.add(where + "labels: no service, job or instance label to name the service");
        }
        Instant startsAt = instant(node, "startsAt", where, problems, true);
        Instant endsAt = instant(node, "endsAt", where, problems, false);
        String fingerprint = text(node, "fingerprint");
        if (fingerprint.isEmpty() && labels != null) {
            fingerprint = hash(new TreeMap<>(labels).toString());
        } else if (fingerprint.length() > 128 || !fingerprint.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problems.add(where + "fingerprint: 1 to 128 visible ASCII characters");
        }
        if (problems.size() > before) {
            return null;
        }
        String name = labels.getOrDefault("alertname", "alert");
        String summary = first(annotations, "summary", "description", "message");
        return new Alert(
                status.equals("firing"),
                fingerprint,
                clean(service, 200),
                clean(name, 200),
                severity(labels.get("severity")),
                clean(summary == null ? name : summary, 500),
                startsAt,
                endsAt,
                clean(text(node, "generatorURL"), 500));
    }

    /** Alertmanager's usual severity labels; anything else is medium. */
    static Severity severity(String label) {
        if (label == null) {
            return Severity.MEDIUM;
        }
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "critical", "page", "emergency", "fatal" -> Severity.CRITICAL;
            case "high", "error", "major" -> Severity.HIGH;
            case "info", "low", "none", "minor" -> Severity.LOW;
            default -> Severity.MEDIUM;
        };
    }

    private static Map<String, String> strings(JsonNode node, String where, List<String> problems) {
        if (node == null || node.isNull()) {
            return where.endsWith("labels") ? missing(where, problems) : Map.of();
        }
        if (!node.isObject()) {
            problems.add(where + ": must be an object of strings");
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        for (var entry : node.properties()) {
            if (!entry.getValue().isString()) {
                problems.add(where + "." + entry.getKey() + ": must be a string");
                return null;
            }
            out.put(entry.getKey(), entry.getValue().asString());
        }
        return out;
    }

    private static Map<String, String> missing(String where, List<String> problems) {
        problems.add(where + ": missing");
        return null;
    }

    private static String first(Map<String, String> map, String... keys) {
        if (map == null) {
            return null;
        }
        for (String key : keys) {
            String value = map.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static Instant instant(JsonNode node, String field, String where, List<String> problems, boolean required) {
        String text = text(node, field);
        if (text.isEmpty()) {
            if (required) {
                problems.add(where + field + ": missing (an RFC 3339 time)");
            }
            return null;
        }
        try {
            Instant at = java.time.OffsetDateTime.parse(text).toInstant();
            // Alertmanager's zero time (0001-01-01T00:00:00Z) means "not set".
            return at.getEpochSecond() < 0 ? null : at;
        } catch (DateTimeParseException e) {
            problems.add(where + field + ": not an RFC 3339 time");
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : "";
    }

    /** No control characters (a forged line in a log or timeline), and bounded length. */
    private static String clean(String text, int max) {
        String c = text.replaceAll("\\p{Cntrl}", " ").strip();
        return c.length() <= max ? c : c.substring(0, max) + "…";
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
