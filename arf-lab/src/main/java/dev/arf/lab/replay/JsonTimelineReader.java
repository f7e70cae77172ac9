package dev.arf.lab.replay;

import dev.arf.core.telemetry.Metric;
import dev.arf.lab.replay.TimelineDraft.At;
import dev.arf.lab.replay.TimelineDraft.PointDraft;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a timeline written as JSON, token by token so that every problem names its line and
 * column. Unknown fields are refused (a misspelt metric would otherwise vanish silently).
 */
final class JsonTimelineReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxDocumentLength(TimelineReader.MAX_BYTES)
                    .maxStringLength(TimelineReader.MAX_BYTES)
                    .maxNumberLength(100)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final String TOP_LEVEL_FIELDS;

    static {
        TreeSet<String> names = new TreeSet<>(TimelineDraft.TEXT_FIELDS);
        names.addAll(TimelineDraft.NUMBER_FIELDS);
        names.add("profile");
        names.add("points");
        TOP_LEVEL_FIELDS = String.join(", ", names);
    }

    OutageTimeline read(String text, String source) {
        TimelineDraft draft = new TimelineDraft(source);
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                draft.problem(At.START, "document", "empty file: expected a JSON object with \"points\"");
                throw draft.failure();
            }
            if (t != JsonToken.START_OBJECT) {
                draft.problem(at(p), "document", "expected a JSON object {...}, found " + describe(t));
                throw draft.failure();
            }
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String key = p.currentName();
                At keyAt = at(p);
                JsonToken value = p.nextToken();
                At valueAt = at(p);
                if (key.equals("points")) {
                    points(p, value, draft, valueAt);
                } else if (key.equals("profile")) {
                    profile(p, value, draft, valueAt);
                } else if (TimelineDraft.NUMBER_FIELDS.contains(key)) {
                    if (isNumber(value)) {
                        draft.number(key, p.getDoubleValue(), valueAt);
                    } else {
                        draft.problem(valueAt, key, "must be a number, found " + describe(value));
                        p.skipChildren();
                    }
                } else if (TimelineDraft.TEXT_FIELDS.contains(key)) {
                    if (value == JsonToken.VALUE_STRING) {
                        draft.text(key, p.getString(), valueAt);
                    } else {
                        draft.problem(valueAt, key, "must be a string, found " + describe(value));
                        p.skipChildren();
                    }
                } else {
                    draft.problem(keyAt, key.isEmpty() ? "\"\"" : key, "unknown field; known: " + TOP_LEVEL_FIELDS);
                    p.skipChildren();
                }
            }
            draft.end(at(p));
            if (p.nextToken() != null) {
                draft.problem(at(p), "document", "unexpected content after the JSON object");
            }
        } catch (JacksonException e) {
            draft.problem(at(e.getLocation()), "document", "not valid JSON: " + firstLine(e.getOriginalMessage()));
            throw draft.failure();
        }
        return draft.build();
    }

    private static void points(JsonParser p, JsonToken t, TimelineDraft draft, At at) {
        if (t != JsonToken.START_ARRAY) {
            draft.problem(
                    at, "points", "must be an array of {\"minute\": ..., metric: value} objects, found " + describe(t));
            p.skipChildren();
            return;
        }
        JsonToken element;
        while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
            At pointAt = at(p);
            PointDraft point = draft.newPoint(pointAt);
            if (point == null) {
                p.skipChildren();
                continue;
            }
            if (element != JsonToken.START_OBJECT) {
                draft.problem(
                        point,
                        pointAt,
                        "points[" + point.index + "]",
                        "must be an object such as {\"minute\": -5, \"error_rate\": 0.02}, found " + describe(element));
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String key = p.currentName();
                At keyAt = at(p);
                JsonToken value = p.nextToken();
                At valueAt = at(p);
                String field = "points[" + point.index + "]." + key;
                Optional<Metric> metric = TimelineDraft.metric(key);
                if (!key.equals("minute") && metric.isEmpty()) {
                    draft.problem(
                            point, keyAt, field, "unknown metric; known: minute, " + TimelineDraft.knownMetricNames());
                    p.skipChildren();
                } else if (value == JsonToken.VALUE_NULL && metric.isPresent()) {
                    // null: not known at this point, as an empty CSV cell
                } else if (!isNumber(value)) {
                    draft.problem(point, valueAt, field, "must be a number, found " + describe(value));
                    p.skipChildren();
                } else if (metric.isPresent()) {
                    draft.metric(point, metric.get(), key, p.getDoubleValue(), valueAt);
                } else {
                    draft.minute(point, p.getDoubleValue(), valueAt);
                }
            }
        }
    }

    private static void profile(JsonParser p, JsonToken t, TimelineDraft draft, At at) {
        if (t != JsonToken.START_OBJECT) {
            draft.problem(at, "profile", "must be an object, found " + describe(t));
            p.skipChildren();
            return;
        }
        draft.profileStarts(at);
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = p.currentName();
            At keyAt = at(p);
            JsonToken value = p.nextToken();
            At valueAt = at(p);
            if (!TimelineDraft.PROFILE_FIELDS.contains(key)) {
                draft.problem(
                        keyAt,
                        "profile." + key,
                        "unknown field; known: " + String.join(", ", new TreeSet<>(TimelineDraft.PROFILE_FIELDS)));
                p.skipChildren();
            } else if (!isNumber(value)) {
                draft.problem(valueAt, "profile." + key, "must be a number, found " + describe(value));
                p.skipChildren();
            } else {
                draft.profile(key, p.getDoubleValue(), valueAt);
            }
        }
    }

    private static boolean isNumber(JsonToken t) {
        return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static At at(JsonParser p) {
        return at(p.currentTokenLocation());
    }

    private static At at(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return At.START;
        }
        return new At(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
