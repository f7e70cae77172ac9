package dev.arf.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Loads the Guardian's thresholds from a governance file ({@code kind: Governance}) validated against
 * {@code /schemas/governance.schema.json} (published in this module's jar), with strict durations (see
 * {@link dev.arf.core.blueprint.Units}).
 *
 * <p>Every key is optional. What {@code defaults} does not write keeps ARF's built-in value ({@link
 * dev.arf.core.governance.GovernanceSettings#defaults()}); what a service's entry under {@code services}
 * does not write is inherited from {@code defaults}, key by key (cooldowns per action, eligibility per
 * environment, repetition, budgets and safety per field). An empty file is the built-in defaults.
 *
 * <p>Either the file loads, or a {@link ConfigException} lists every problem found — schema violations,
 * refused durations, zero where more is needed, fleet-wide keys under a service, unsafe or malformed
 * YAML — each with file, line, column and field. No other exception escapes for any input. Thread-safe;
 * build one and reuse it (building compiles the schema).
 */
public final class GovernanceLoader {
    public static final String SCHEMA_RESOURCE = "/schemas/governance.schema.json";
    private static final String FILE_KIND = "governance file";

    private final SafeYamlReader reader =
            new SafeYamlReader(FILE_KIND, "a mapping with 'defaults' and 'services'", true);
    private final SchemaCheck schema = SchemaCheck.fromResource(SCHEMA_RESOURCE);

    /** Reads {@code file} (UTF-8); the problems name it as given. */
    public GovernanceConfig load(Path file) {
        Objects.requireNonNull(file, "file");
        return load(SourceBytes.read(file, FILE_KIND), file.toString());
    }

    /** Loads a document held in memory; {@code sourceName} names it in problems. */
    public GovernanceConfig load(String yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        return load(SourceBytes.encode(yaml, sourceName), sourceName);
    }

    /** Loads UTF-8 bytes; {@code sourceName} names them in problems. */
    public GovernanceConfig load(byte[] yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        SafeYamlReader.Document document = reader.read(yaml, sourceName);
        List<ConfigProblem> problems = new ArrayList<>();
        PolicySemantics.numbersInRange(document.tree(), FieldPath.DOCUMENT, sourceName, problems);
        GovernanceReading.Result reading = GovernanceReading.read(document, sourceName);
        Set<String> explained = reading.explainedFields();
        // a refused duration is explained better by the unit parser than by the schema's pattern
        schema.checkOrExplain(document, sourceName, !problems.isEmpty()).stream()
                .filter(p -> !explained.contains(p.field()))
                .forEach(problems::add);
        problems.addAll(reading.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().distinct().toList());
        }
        if (reading.config() == null) {
            // the schema and the records are kept in step by tests, so this means a bug; still explained
            throw new ConfigException(List.of(
                    new ConfigProblem(sourceName, 1, 1, FieldPath.DOCUMENT, "the governance settings were refused")));
        }
        return reading.config();
    }
}
