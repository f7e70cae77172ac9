package dev.arf.config;

import com.networknt.schema.serialization.node.LocationJsonNodeFactory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Turns untrusted bytes into a location-aware tree, or refuses them with every problem found.
 *
 * <p>Defences, in order: at most {@link #MAX_BYTES}; strict UTF-8 (a UTF-8 byte-order mark is
 * skipped); one document; no anchors or aliases (Jackson does not expand aliases, so there is no
 * "billion laughs" expansion, but it would silently read {@code *x} as the text {@code "x"}, so they
 * are refused outright); no duplicate keys; nesting at most {@link #MAX_DEPTH} deep. Thread-safe.
 */
final class SafeYamlReader {
    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = 32;

    private final ObjectMapper yaml;
    private final String fileKind;
    private final String expectedRoot;
    private final boolean emptyIsMapping;

    /** A reader for policy files. */
    SafeYamlReader() {
        this("policy file", "a mapping with 'policies'");
    }

    /**
     * @param fileKind what the files are called in messages, e.g. {@code blueprint file}
     * @param expectedRoot what an empty document should have held, e.g. {@code a mapping with 'metadata'}
     */
    SafeYamlReader(String fileKind, String expectedRoot) {
        this(fileKind, expectedRoot, false);
    }

    /**
     * @param emptyIsMapping read an empty document (nothing, only comments, or {@code null}) as an
     *     empty mapping instead of refusing it: for files whose every key is optional
     */
    SafeYamlReader(String fileKind, String expectedRoot, boolean emptyIsMapping) {
        this.fileKind = fileKind;
        this.expectedRoot = expectedRoot;
        this.emptyIsMapping = emptyIsMapping;
        YAMLFactory factory = YAMLFactory.builder()
                .loadSettings(LoadSettings.builder()
                        .setAllowDuplicateKeys(false)
                        .setMaxAliasesForCollections(0)
                        .setCodePointLimit(MAX_BYTES)
                        .build())
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxDocumentLength(MAX_BYTES)
                        .maxStringLength(MAX_BYTES)
                        .maxNumberLength(100)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.yaml = new YAMLMapper(factory);
    }

    /** A parsed document and where each key of it is. */
    record Document(JsonNode tree, Map<String, Position> keyPositions) {
        /** The position of the key that names {@code pointer}'s last segment, if it is a key. */
        Position keyPosition(String pointer, Position fallback) {
            return keyPositions.getOrDefault(pointer, fallback);
        }
    }

    Document read(byte[] bytes, String source) {
        if (bytes.length > MAX_BYTES) {
            throw refuse(
                    source,
                    Position.START,
                    "file is " + bytes.length + " bytes; " + fileKind + "s may be at most " + MAX_BYTES
                            + " bytes (1 MiB)");
        }
        String text = decode(bytes, source);
        Map<String, Position> keys = scan(text, source);
        JsonNode tree;
        try (JsonParser p = yaml.createParser(new WholeCodePointReader(text))) {
            // what networknt's location-aware NodeReader does, on a reader that avoids a snakeyaml bug
            tree = yaml.reader(new LocationJsonNodeFactory(p)).readTree(p);
        } catch (JacksonException e) {
            // the scan accepted it, so this is unexpected; still an explained refusal, not a crash
            throw refuse(
                    source, Position.of(e.getLocation()), "cannot read YAML: " + firstLine(e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            if (emptyIsMapping) {
                return new Document(yaml.createObjectNode(), keys);
            }
            throw refuse(source, Position.START, "the document is empty; expected " + expectedRoot);
        }
        return new Document(tree, keys);
    }

    private static String decode(byte[] bytes, String source) {
        int offset = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            offset = 3;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(bytes, offset);
            throw refuse(
                    source,
                    positionOfByte(bytes, bad),
                    "not valid UTF-8 (byte " + bad + " is 0x" + String.format("%02X", bytes[bad] & 0xFF)
                            + "); save the file as UTF-8");
        }
    }

    /** Index of the first byte where a strict UTF-8 decoder stops. */
    private static int firstInvalidUtf8(byte[] bytes, int from) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? Math.min(in.position(), bytes.length - 1) : Math.max(from, bytes.length - 1);
    }

    private static Position positionOfByte(byte[] bytes, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new Position(line, column);
    }

    /**
     * Streams the whole document once: finds syntax errors, duplicate keys, anchors, aliases, a second
     * document and excessive nesting, and records where every key is (by JSON pointer).
     */
    private Map<String, Position> scan(String text, String source) {
        Map<String, Position> keys = new HashMap<>();
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        try (JsonParser p = yaml.createParser(new WholeCodePointReader(text))) {
            int depth = 0;
            boolean rootDone = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (rootDone) {
                    problems.add(problem(
                            source,
                            Position.of(p.currentTokenLocation()),
                            FieldPath.DOCUMENT,
                            "more than one YAML document ('---'); a " + fileKind + " holds exactly one"));
                    break;
                }
                String pointer = p.streamReadContext().pathAsPointer().toString();
                if (p instanceof YAMLParser y && (y.isCurrentAlias() || y.getObjectId() != null)) {
                    problems.add(problem(
                            source,
                            Position.of(p.currentTokenLocation()),
                            FieldPath.ofPointer(pointer),
                            "YAML anchors and aliases (&name, *name) are not supported in " + fileKind
                                    + "s; write the values out"));
                }
                if (t == JsonToken.PROPERTY_NAME) {
                    keys.putIfAbsent(pointer, Position.of(p.currentTokenLocation()));
                } else if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
                if (depth == 0 && t != JsonToken.PROPERTY_NAME) {
                    rootDone = true;
                }
            }
        } catch (StreamConstraintsException e) {
            problems.add(problem(
                    source,
                    Position.of(e.getLocation()),
                    FieldPath.DOCUMENT,
                    "the document is too large or too deeply nested (at most " + MAX_DEPTH + " levels)"));
        } catch (JacksonException e) {
            problems.add(syntaxProblem(e, source));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return keys;
    }

    private static ConfigProblem syntaxProblem(JacksonException e, String source) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Duplicate Object property")) {
            String name =
                    original.substring("Duplicate Object property".length()).trim();
            String field = FieldPath.DOCUMENT;
            if (e.processor() instanceof JsonParser p && p.streamReadContext() != null) {
                field = FieldPath.ofPointer(
                        p.streamReadContext().pathAsPointer().toString());
            }
            return problem(
                    source,
                    Position.of(e.getLocation()),
                    field,
                    "duplicate key " + FieldPath.abbreviate(name) + ": a key may appear only once in a mapping");
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYamlEngineException m) {
                Position at = m.getProblemMark()
                        .map(mark -> new Position(mark.getLine() + 1, mark.getColumn() + 1))
                        .orElse(Position.of(e.getLocation()));
                String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
                return problem(source, at, FieldPath.DOCUMENT, "YAML syntax error: " + m.getProblem() + context);
            }
        }
        return problem(
                source, Position.of(e.getLocation()), FieldPath.DOCUMENT, "cannot read YAML: " + firstLine(original));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return FieldPath.abbreviate(nl < 0 ? s : s.substring(0, nl));
    }

    private static ConfigProblem problem(String source, Position at, String field, String message) {
        return new ConfigProblem(source, at.line(), at.column(), field, message);
    }

    private static ConfigException refuse(String source, Position at, String message) {
        return new ConfigException(List.of(problem(source, at, FieldPath.DOCUMENT, message)));
    }
}
