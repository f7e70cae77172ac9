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
     * second one is refused at its name. Hidden files and directories (their names start with a dot:
     * editors' temporary files, Kubernetes' {@code ..data} and timestamped directories behind a mounted
     * ConfigMap) are not read.
     */
    public List<Blueprint> loadDirectory(Path directory) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (Path file : files(directory)) {
            try {
                sources.add(new Source(file.toString(), SourceBytes.read(file, FILE_KIND)));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        return loadAll(sources, problems, null);
    }

    /**
     * The files {@link #loadDirectory} reads, in path order.
     *
     * @throws ConfigException when the directory cannot be listed
     */
    public List<Path> files(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try (Stream<Path> walk = Files.walk(directory, MAX_DIRECTORY_DEPTH)) {
            return walk.filter(p -> !hidden(directory, p))
                    .filter(Files::isRegularFile)
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
    }

    /** True when a name on the way from {@code root} down to {@code p} starts with a dot. */
    static boolean hidden(Path root, Path p) {
        for (Path name : root.relativize(p)) {
            if (name.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A blueprint document's bytes, read once, and the name problems give it: what a caller that
     * must keep exactly the text it loaded (a directory watcher recording versions) hands to {@link
     * #loadAll}.
     */
    public record Source(String name, byte[] yaml) {
        public Source {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(yaml, "yaml");
        }
    }

    /**
     * Loads several documents as {@link #loadDirectory} loads a directory's files: problems of all of
     * them together, a second blueprint for a service and environment (or a second global one for an
     * environment) refused at its name.
     *
     * @return one blueprint per source, in the sources' order
     * @throws ConfigException listing every problem, sorted by source and position
     */
    public List<Blueprint> loadAll(List<Source> sources) {
        return loadAll(sources, new ArrayList<>(), null);
    }

    /**
     * As {@link #loadAll(List)}, without parsing again a document {@code cache} holds from the last
     * call (same name, same bytes): what a directory watcher uses so that a reload costs the changed
     * files, not the whole directory. The cache then holds exactly this call's valid documents.
     */
    public List<Blueprint> loadAll(List<Source> sources, Cache cache) {
        Objects.requireNonNull(cache, "cache");
        return loadAll(sources, new ArrayList<>(), cache);
    }

    /**
     * Documents loaded by the last {@link #loadAll(List, Cache)} call, by name and content hash. Not
     * thread-safe: one per caller.
     */
    public static final class Cache {
        private Map<String, Located> loaded = new HashMap<>();

        /** How many documents it holds. */
        public int size() {
            return loaded.size();
        }
    }

    private List<Blueprint> loadAll(List<Source> sources, List<ConfigProblem> problems, Cache cache) {
        Objects.requireNonNull(sources, "sources");
        List<Blueprint> blueprints = new ArrayList<>();
        Map<String, Located> seen = new HashMap<>();
        Map<String, Located> kept = new HashMap<>();
        for (Source source : sources) {
            try {
                Located loaded;
                if (cache == null) {
                    loaded = located(source.yaml(), source.name());
                } else {
                    String key = source.name() + "\n" + sha256(source.yaml());
                    loaded = cache.loaded.get(key);
                    if (loaded == null) {
                        loaded = located(source.yaml(), source.name());
                    }
                    kept.put(key, loaded);
                }
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
        if (cache != null) {
            cache.loaded = kept;
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream()
                    .sorted(java.util.Comparator.comparing(ConfigProblem::source)
                            .thenComparing(ConfigProblem.BY_POSITION))
                    .toList());
        }
        return List.copyOf(blueprints);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
