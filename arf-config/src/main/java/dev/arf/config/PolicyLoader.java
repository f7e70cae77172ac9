package dev.arf.config;

import dev.arf.core.policy.HealingPolicy;
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
        return load(SourceBytes.read(file, "policy file"), file.toString());
    }

    /** Loads a document held in memory; {@code sourceName} names it in problems. */
    public LoadedPolicies load(String yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        return load(SourceBytes.encode(yaml, sourceName), sourceName);
    }

    /** Loads UTF-8 bytes; {@code sourceName} names them in problems. */
    public LoadedPolicies load(byte[] yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        SafeYamlReader.Document document = reader.read(yaml, sourceName);
        List<ConfigProblem> problems = new ArrayList<>(PolicySemantics.check(document.tree(), sourceName));
        problems.addAll(schema.checkOrExplain(document, sourceName, !problems.isEmpty()));
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
