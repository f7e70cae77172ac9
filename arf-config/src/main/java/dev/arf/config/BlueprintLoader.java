package dev.arf.config;

import dev.arf.core.blueprint.Blueprint;
import dev.arf.core.blueprint.GlobalBlueprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads service and global blueprints from YAML validated against {@code
 * /schemas/blueprint.schema.json} (published in this module's jar), with strict units (see {@link
 * dev.arf.core.blueprint.Units}).
 *
 * <p>Either the blueprint loads, or a {@link ConfigException} lists every problem found — schema
 * violations, refused units, contradictory values, unsafe or malformed YAML — each with file, line,
 * column and field. No other exception escapes for any input. Thread-safe; build one and reuse it
 * (building compiles the schema).
 */
public final class BlueprintLoader {
    public static final String SCHEMA_RESOURCE = "/schemas/blueprint.schema.json";
    private static final String FILE_KIND = "blueprint file";
    /** How deep {@link #loadDirectory} looks: a directory per service, maybe grouped once more. */
    private static final int MAX_DIRECTORY_DEPTH = 4;

    private final SafeYamlReader reader = new SafeYamlReader(FILE_KIND, "a mapping with 'metadata'");
    private final SchemaCheck schema = SchemaCheck.fromResource(SCHEMA_RESOURCE);

    /** Reads {@code file} (UTF-8); the problems name it as given. */
    public Blueprint load(Path file) {
        Objects.requireNonNull(file, "file");
        return load(SourceBytes.read(file, FILE_KIND), file.toString());
    }

    /** Loads a document held in memory; {@code sourceName} names it in problems. */
    public Blueprint load(String yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        return load(SourceBytes.encode(yaml, sourceName), sourceName);
    }

    /** Loads UTF-8 bytes; {@code sourceName} names them in problems. */
    public Blueprint load(byte[] yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        return located(yaml, sourceName).blueprint();
    }

    /**
     * Every {@code *.yaml} and {@code *.yml} file under {@code directory} (sub-directories too, up to
     * four levels, links not followed), in path order. Problems of all files are reported together.
     * A service may have one blueprint per environment, and each environment one global blueprint; a
     * second one is refused at its name.
     */
    public List<Blueprint> loadDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory, MAX_DIRECTORY_DEPTH)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(List.of(new ConfigProblem(
                    directory.toString(),
                    1,
                    1,
                    FieldPath.DOCUMENT,
                    "cannot list the blueprint directory: " + e.getClass().getSimpleName() + " "
                            + FieldPath.abbreviate(String.valueOf(e.getMessage())))));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        List<Blueprint> blueprints = new ArrayList<>();
        Map<String, Located> seen = new HashMap<>();
        for (Path file : files) {
            try {
                Located loaded = located(SourceBytes.read(file, FILE_KIND), file.toString());
                Located first = seen.putIfAbsent(identity(loaded.blueprint()), loaded);
                if (first != null) {
                    problems.add(new ConfigProblem(
                            loaded.source(),
                            loaded.name().line(),
                            loaded.name().column(),
                            "metadata.name",
                            describe(loaded.blueprint()) + " already has a blueprint in " + first.source() + ":"
                                    + first.name().line()));
                } else {
                    blueprints.add(loaded.blueprint());
                }
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream()
                    .sorted(java.util.Comparator.comparing(ConfigProblem::source)
                            .thenComparing(ConfigProblem.BY_POSITION))
                    .toList());
        }
        return List.copyOf(blueprints);
    }

    private static String identity(Blueprint b) {
        return (b instanceof GlobalBlueprint
                        ? "global"
                        : "service:" + b.metadata().name()) + "@"
                + b.environment().key();
    }

    private static String describe(Blueprint b) {
        return (b instanceof GlobalBlueprint
                        ? "the global rules"
                        : "service '" + b.metadata().name() + "'") + " in "
                + b.environment().key();
    }

    /** A loaded blueprint and where its name is, for refusing duplicates across files. */
    private record Located(Blueprint blueprint, String source, Position name) {}

    private Located located(byte[] yaml, String source) {
        SafeYamlReader.Document document = reader.read(yaml, source);
        List<ConfigProblem> problems = new ArrayList<>();
        PolicySemantics.numbersInRange(document.tree(), FieldPath.DOCUMENT, source, problems);
        BlueprintReading.Result reading = BlueprintReading.read(document.tree(), source);
        Set<String> explainedFields = reading.explainedFields();
        // e.g. a refused unit is explained better by the unit parser than by the schema's pattern or type
        List<ConfigProblem> schemaProblems = schema.checkOrExplain(document, source, !problems.isEmpty()).stream()
                .filter(p -> !explainedFields.contains(p.field()))
                .toList();
        problems.addAll(schemaProblems);
        problems.addAll(reading.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(dedupe(problems));
        }
        Blueprint blueprint;
        try {
            blueprint = Objects.requireNonNull(reading.build(), "blueprint");
        } catch (RuntimeException e) {
            // the schema and the records are kept in step by tests, so this means a bug; still explained
            throw new ConfigException(List.of(new ConfigProblem(
                    source,
                    1,
                    1,
                    FieldPath.DOCUMENT,
                    "the blueprint was refused: " + FieldPath.abbreviate(String.valueOf(e.getMessage())))));
        }
        return new Located(
                blueprint, source, Position.of(document.tree().path("metadata").path("name")));
    }

    private static List<ConfigProblem> dedupe(List<ConfigProblem> problems) {
        return problems.stream().distinct().collect(Collectors.toList());
    }
}
