package dev.arf.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The reading half of this module's loaders, for loaders of other file kinds that live elsewhere (the
 * chaos experiments of {@code arf-lab}): safe YAML (size, UTF-8, one document, no anchors, aliases or
 * duplicate keys, bounded nesting, numbers at most 1e15), then a JSON Schema (2020-12) published on
 * the class path, every problem located as {@code file:line:column: field: message}. What the schema
 * cannot say, the caller checks on the returned tree and reports with {@link Document#problem}.
 * Thread-safe; build one and reuse it (building compiles the schema).
 */
public final class ValidatedYaml {
    private final String fileKind;
    private final SafeYamlReader reader;
    private final SchemaCheck schema;

    /**
     * @param fileKind what the files are called in messages, e.g. {@code chaos experiment file}
     * @param expectedRoot what an empty document should have held, e.g. {@code a mapping with 'kind'}
     * @param schemaResource the schema's class-path resource, e.g. {@code /schemas/x.schema.json}
     */
    public ValidatedYaml(String fileKind, String expectedRoot, String schemaResource) {
        this.fileKind = Objects.requireNonNull(fileKind, "fileKind");
        this.reader = new SafeYamlReader(fileKind, Objects.requireNonNull(expectedRoot, "expectedRoot"));
        this.schema = SchemaCheck.fromResource(Objects.requireNonNull(schemaResource, "schemaResource"));
    }

    /**
     * Reads {@code file}; the problems name it as given.
     *
     * @throws ConfigException with every problem found
     */
    public Document read(Path file) {
        Objects.requireNonNull(file, "file");
        return read(SourceBytes.read(file, fileKind), file.toString());
    }

    /** @throws ConfigException with every problem found */
    public Document read(String yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        return read(SourceBytes.encode(yaml, sourceName), sourceName);
    }

    /** @throws ConfigException with every problem found */
    public Document read(byte[] yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        SafeYamlReader.Document document = reader.read(yaml, sourceName);
        List<ConfigProblem> problems = new ArrayList<>();
        PolicySemantics.numbersInRange(document.tree(), FieldPath.DOCUMENT, sourceName, problems);
        problems.addAll(schema.checkOrExplain(document, sourceName, !problems.isEmpty()));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().distinct().toList());
        }
        return new Document(document, sourceName);
    }

    /** A document that passed the schema: its tree, and located problems for what the caller finds wrong. */
    public static final class Document {
        private final SafeYamlReader.Document document;
        private final String source;

        private Document(SafeYamlReader.Document document, String source) {
            this.document = document;
            this.source = source;
        }

        public JsonNode tree() {
            return document.tree();
        }

        public String source() {
            return source;
        }

        /**
         * A problem at the value under {@code pointer} (a JSON pointer such as {@code /steps/0/name}),
         * or at its key when the value is not there; the field reads {@code steps[0].name}.
         */
        public ConfigProblem problem(String pointer, String message) {
            JsonNode node = document.tree().at(pointer);
            Position at = node == null || node.isMissingNode()
                    ? document.keyPosition(pointer, Position.START)
                    : Position.of(node);
            return new ConfigProblem(source, at.line(), at.column(), FieldPath.ofPointer(pointer), message);
        }
    }
}
