package dev.arf.store;

import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit chain as JSON Lines, for export and offline verification: one record per line,
 *
 * <pre>{@code
 * {"sequence":1,"at":"2026-03-01T10:15:30.123456Z","event":"ORCH_EXEC","subject":"payments","actor":"engine",
 *  "details":{"action":"RESTART"},"previous_hash":"000…","hash":"9f2…"}
 * }</pre>
 *
 * (on one line), details sorted by key. Reading is strict, since the file is evidence: every line
 * must be exactly such an object, and anything else is refused with an {@link
 * IllegalArgumentException} naming the source, the line and the field ({@code audit.jsonl:7: hash:
 * missing}). Reading does not check the chain; pass the records to {@code AuditChain.verify}.
 */
public final class AuditJsonl {
    private static final Set<String> FIELDS =
            Set.of("sequence", "at", "event", "subject", "actor", "details", "previous_hash", "hash");
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private AuditJsonl() {}

    /** Writes one line per record, in the given order. @throws UncheckedIOException when the writer fails */
    public static void write(Iterable<AuditRecord> records, Writer out) {
        try {
            for (AuditRecord r : records) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("sequence", r.sequence());
                line.put("at", r.entry().at().toString());
                line.put("event", r.entry().event());
                line.put("subject", r.entry().subject());
                line.put("actor", r.entry().actor());
                line.put("details", new TreeMap<>(r.entry().details()));
                line.put("previous_hash", r.previousHash());
                line.put("hash", r.hash());
                out.write(MAPPER.writeValueAsString(line));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit chain as JSON lines: " + e.getMessage(), e);
        }
    }

    /**
     * Reads every record; blank lines are skipped.
     *
     * @param sourceName how messages name the input, usually its file name
     * @throws IllegalArgumentException at the first malformed line
     * @throws UncheckedIOException when the reader fails
     */
    public static List<AuditRecord> read(Reader in, String sourceName) {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<AuditRecord> records = new ArrayList<>();
        int number = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) {
                    records.add(new Line(sourceName, number).parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + sourceName + " after line " + number + ": " + e.getMessage(), e);
        }
        return records;
    }

    /** One line being parsed: knows where it is, for messages. */
    private record Line(String source, int number) {
        AuditRecord parse(String text) {
            JsonNode node;
            try {
                node = MAPPER.readTree(text);
            } catch (JacksonException e) {
                throw problem("not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw problem("not a JSON object");
            }
            for (String name : node.propertyNames()) {
                if (!FIELDS.contains(name)) {
                    throw problem(name + ": unknown field");
                }
            }
            long sequence = sequence(node);
            Instant at = instant(node);
            AuditEntry entry = new AuditEntry(
                    at, string(node, "event"), string(node, "subject"), string(node, "actor"), details(node));
            return new AuditRecord(sequence, entry, hash(node, "previous_hash"), hash(node, "hash"));
        }

        private long sequence(JsonNode node) {
            JsonNode value = required(node, "sequence");
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw problem("sequence: not a whole number");
            }
            long sequence = value.longValue();
            if (sequence < 1) {
                throw problem("sequence: must be at least 1, got " + sequence);
            }
            return sequence;
        }

        private Instant instant(JsonNode node) {
            String text = string(node, "at");
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw problem("at: not an ISO-8601 instant: '" + text + "'");
            }
        }

        private Map<String, String> details(JsonNode node) {
            JsonNode value = required(node, "details");
            if (!value.isObject()) {
                throw problem("details: not a JSON object");
            }
            Map<String, String> details = new TreeMap<>();
            for (Map.Entry<String, JsonNode> d : value.properties()) {
                if (!d.getValue().isString()) {
                    throw problem("details." + d.getKey() + ": not a string");
                }
                details.put(d.getKey(), d.getValue().stringValue());
            }
            return details;
        }

        private String hash(JsonNode node, String field) {
            String text = string(node, field);
            if (text.length() != 64 || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw problem(field + ": not 64 lower-case hexadecimal digits");
            }
            return text;
        }

        private String string(JsonNode node, String field) {
            JsonNode value = required(node, field);
            if (!value.isString()) {
                throw problem(field + ": not a string");
            }
            return value.stringValue();
        }

        private JsonNode required(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw problem(field + ": missing");
            }
            return value;
        }

        private IllegalArgumentException problem(String what) {
            return new IllegalArgumentException(source + ":" + number + ": " + what);
        }
    }
}
