package dev.arf.config;

import dev.arf.core.policy.HealingPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads custom healing policies from a YAML file validated against {@code
 * /schemas/healing-policies.schema.json} (published in this module's jar).
 *
 * <p>Either every policy of the file loads, or a {@link ConfigException} lists every problem found
 * (schema violations, duplicate names, unknown metrics, unsafe or malformed YAML), each with file,
 * line, column and field. No other exception escapes for any input. Thread-safe; build one and reuse
 * it (building compiles the schema).
 */
public final class PolicyLoader {
    public static final String SCHEMA_RESOURCE = "/schemas/healing-policies.schema.json";

    private final SafeYamlReader reader = new SafeYamlReader();
    private final SchemaCheck schema = SchemaCheck.fromResource(SCHEMA_RESOURCE);
    private final ObjectMapper binder = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /** Reads {@code file} (UTF-8); the problems name it as given. */
    public LoadedPolicies load(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > SafeYamlReader.MAX_BYTES) {
                throw new ConfigException(List.of(new ConfigProblem(
                        source,
                        1,
                        1,
                        FieldPath.DOCUMENT,
                        "file is " + Files.size(file) + " bytes; policy files may be at most "
                                + SafeYamlReader.MAX_BYTES + " bytes (1 MiB)")));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(
                    source,
                    1,
                    1,
                    FieldPath.DOCUMENT,
                    "cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage())));
        }
        return load(bytes, source);
    }

    /** Loads a document held in memory; {@code sourceName} names it in problems. */
    public LoadedPolicies load(String yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        if (yaml.length() > SafeYamlReader.MAX_BYTES) {
            return load(new byte[SafeYamlReader.MAX_BYTES + 1], sourceName); // refused for its size
        }
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(yaml));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return load(bytes, sourceName);
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(new ConfigProblem(
                    sourceName, 1, 1, FieldPath.DOCUMENT, "the text is not valid Unicode (unpaired surrogate)")));
        }
    }

    /** Loads UTF-8 bytes; {@code sourceName} names them in problems. */
    public LoadedPolicies load(byte[] yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        SafeYamlReader.Document document = reader.read(yaml, sourceName);
        List<ConfigProblem> problems = new ArrayList<>(PolicySemantics.check(document.tree(), sourceName));
        try {
            problems.addAll(schema.check(document, sourceName));
        } catch (RuntimeException e) {
            // the validator choked on a value (so far only numbers out of range, already reported)
            if (problems.isEmpty()) {
                problems.add(new ConfigProblem(
                        sourceName,
                        1,
                        1,
                        FieldPath.DOCUMENT,
                        "the document could not be validated: "
                                + FieldPath.abbreviate(String.valueOf(e.getMessage()))));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new LoadedPolicies(sourceName, map(document.tree(), sourceName));
    }

    private List<HealingPolicy> map(JsonNode tree, String source) {
        PolicyDocument dto = binder.treeToValue(tree, PolicyDocument.class);
        List<HealingPolicy> policies = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < dto.policies().size(); i++) {
            try {
                policies.add(PolicyMapper.toPolicy(dto.policies().get(i)));
            } catch (IllegalArgumentException e) {
                Position at = Position.of(tree.path("policies").path(i));
                problems.add(new ConfigProblem(
                        source, at.line(), at.column(), FieldPath.index("policies", i), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return policies;
    }
}
