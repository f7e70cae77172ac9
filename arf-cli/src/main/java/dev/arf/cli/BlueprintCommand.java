package dev.arf.cli;

import dev.arf.config.BlueprintLoader;
import dev.arf.config.ConfigException;
import dev.arf.core.blueprint.Blueprint;
import dev.arf.core.blueprint.BlueprintDiff;
import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.core.blueprint.BlueprintVersion;
import dev.arf.core.blueprint.GlobalBlueprint;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.store.JdbcReliabilityStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "blueprint",
        description = "Service blueprints (seed 002): what each service may do on its own, needs approval for, or"
                + " must never do.",
        mixinStandardHelpOptions = true,
        subcommands = {
            BlueprintCommand.Validate.class,
            BlueprintCommand.Apply.class,
            BlueprintCommand.History.class,
            BlueprintCommand.Show.class
        })
final class BlueprintCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "validate",
            description = "Validate a blueprint file or a directory of them against the schema and the unit"
                    + " rules; print every problem as file:line:column: field: message. Exit code 0 when"
                    + " valid, 2 when not.",
            mixinStandardHelpOptions = true)
    static final class Validate implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE|DIR", description = "A blueprint YAML file, or a directory of them.")
        Path path;

        @Override
        public Integer call() {
            BlueprintLoader loader = new BlueprintLoader();
            List<Blueprint> blueprints;
            try {
                blueprints = Files.isDirectory(path) ? loader.loadDirectory(path) : List.of(loader.load(path));
            } catch (ConfigException e) {
                e.problems().forEach(p -> spec.commandLine().getErr().println(p));
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(path + ": " + blueprints.size() + " valid blueprint" + (blueprints.size() == 1 ? "" : "s"));
            for (Blueprint b : blueprints) {
                switch (b) {
                    case ServiceBlueprint s ->
                        out.printf(
                                "  %-24s %-5s v%s  replicas %d..%d  allowed %s  approval %s  forbidden %s%n",
                                s.metadata().name(),
                                s.environment().key(),
                                s.metadata().version(),
                                s.scaling().minReplicas(),
                                s.scaling().maxReplicas(),
                                new TreeSet<>(s.governance().allowed()),
                                s.governance().requiresApproval().stream()
                                        .map(r -> r.operation())
                                        .toList(),
                                new TreeSet<>(s.governance().forbidden()));
                    case GlobalBlueprint g ->
                        out.printf(
                                "  %-24s %-5s global rules: forbidden %s%n",
                                g.metadata().name(),
                                g.environment().key(),
                                new TreeSet<>(g.governance().forbidden()));
                }
            }
            out.flush();
            return 0;
        }
    }

    /** Exit code when the name or version asked for is not in the history. */
    static final int NOT_FOUND = 1;

    /**
     * The name's versions, newest first; when there are none, says so on stderr (with the names there
     * are) and returns empty.
     */
    static Optional<List<BlueprintVersion>> versionsOrExplain(
            BlueprintHistory history, String name, String where, PrintWriter err) {
        List<BlueprintVersion> versions = history.versions(name);
        if (!versions.isEmpty()) {
            return Optional.of(versions);
        }
        List<String> names = history.names();
        err.println("arf blueprint: no blueprint named '" + name + "' in the history at " + where
                + (names.isEmpty()
                        ? " (none was ever applied: arf blueprint apply FILE)"
                        : "; known: " + String.join(", ", names)));
        err.flush();
        return Optional.empty();
    }

    @Command(
            name = "apply",
            description = "Validate a blueprint file, then record its text as the next version of its blueprint"
                    + " in the store; the same text as the latest version adds nothing. Prints 'NAME vN (sha"
                    + " ...)' or 'NAME unchanged (vN)'. Exit code 0 when recorded or unchanged, 2 when invalid.",
            mixinStandardHelpOptions = true)
    static final class Apply implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Parameters(paramLabel = "FILE", description = "A blueprint YAML file.")
        Path file;

        @Option(
                names = "--as",
                paramLabel = "NAME",
                description = "Record it under this name (default: the blueprint's metadata.name).")
        String as;

        @Option(
                names = "--by",
                paramLabel = "WHO",
                description = "Who applies it, kept with the version (default: cli:<your user name>).")
        String by;

        @Option(names = "--note", paramLabel = "TEXT", defaultValue = "", description = "Why, kept with the version.")
        String note;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            BlueprintLoader loader = new BlueprintLoader();
            Blueprint blueprint;
            byte[] bytes;
            try {
                loader.load(file); // refuses a missing, unreadable or oversized file before reading it whole
                bytes = Files.readAllBytes(file);
                blueprint = loader.load(bytes, file.toString()); // exactly the text recorded
            } catch (ConfigException e) {
                e.problems().forEach(err::println);
                err.flush();
                return 2;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            String name = as != null ? as : blueprint.metadata().name();
            try {
                BlueprintHistory.checkName(name);
            } catch (IllegalArgumentException e) {
                err.println("arf blueprint apply: --as: " + e.getMessage());
                err.flush();
                return 2;
            }
            String who = by != null ? by : "cli:" + System.getProperty("user.name", "unknown");
            String text = new String(bytes, StandardCharsets.UTF_8);
            try (JdbcReliabilityStore store = data.open()) {
                BlueprintHistory history = store.blueprints();
                Optional<BlueprintVersion> before = history.latest(name);
                BlueprintVersion v =
                        history.record(name, text, who, note, Instant.now().truncatedTo(ChronoUnit.MICROS));
                PrintWriter out = spec.commandLine().getOut();
                if (before.isPresent() && before.get().version() == v.version()) {
                    out.println(name + " unchanged (v" + v.version() + ")");
                } else {
                    out.println(name + " v" + v.version() + " (sha " + v.shortSha() + ")");
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(
            name = "history",
            description = "Every version of a blueprint in the store, newest first: version, when, sha, who, why."
                    + " Exit code 1 when the store has no blueprint of that name.",
            mixinStandardHelpOptions = true)
    static final class History implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Parameters(paramLabel = "NAME", description = "The blueprint's name, e.g. checkout.")
        String name;

        @Option(names = "--diff", description = "After each version, the unified diff from the version before it.")
        boolean diff;

        @Option(
                names = "--json",
                description = "A JSON array, newest first (with the text and, with --diff, the diff).")
        boolean json;

        @Override
        public Integer call() {
            try (JdbcReliabilityStore store = data.open()) {
                Optional<List<BlueprintVersion>> found = versionsOrExplain(
                        store.blueprints(),
                        name,
                        data.describe(),
                        spec.commandLine().getErr());
                if (found.isEmpty()) {
                    return NOT_FOUND;
                }
                List<BlueprintVersion> versions = found.get();
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    List<Map<String, Object>> docs = new ArrayList<>();
                    for (int i = 0; i < versions.size(); i++) {
                        BlueprintVersion v = versions.get(i);
                        Map<String, Object> doc = new LinkedHashMap<>();
                        doc.put("name", v.name());
                        doc.put("version", v.version());
                        doc.put("sha256", v.sha256());
                        doc.put("removed", v.removed());
                        doc.put("applied_by", v.appliedBy());
                        doc.put("applied_at", v.appliedAt().toString());
                        doc.put("note", v.note());
                        doc.put("yaml", v.yaml());
                        if (diff) {
                            doc.put("diff", diffToPrevious(versions, i));
                        }
                        docs.add(doc);
                    }
                    out.println(Json.write(docs));
                } else {
                    for (int i = 0; i < versions.size(); i++) {
                        BlueprintVersion v = versions.get(i);
                        out.println(String.format(
                                        "v%-4d %s  %-19s  %-24s %s",
                                        v.version(),
                                        v.appliedAt(),
                                        v.removed() ? "removed" : "sha " + v.shortSha(),
                                        v.appliedBy(),
                                        v.note())
                                .stripTrailing());
                        if (diff) {
                            String d = diffToPrevious(versions, i);
                            out.print(d.isEmpty() ? "    (same text as the version before)\n" : d);
                            out.println();
                        }
                    }
                }
                out.flush();
            }
            return 0;
        }

        /** From the version after {@code i} in the newest-first list (or from nothing, for version 1). */
        private static String diffToPrevious(List<BlueprintVersion> newestFirst, int i) {
            BlueprintVersion v = newestFirst.get(i);
            if (i + 1 < newestFirst.size()) {
                return BlueprintDiff.unified(newestFirst.get(i + 1), v);
            }
            return BlueprintDiff.unified("/dev/null", "", BlueprintDiff.label(v), v.yaml(), BlueprintDiff.CONTEXT);
        }
    }

    @Command(
            name = "show",
            description = "The text of a blueprint's latest version (or --version N) exactly as applied. Exit code 1"
                    + " when the store has no such blueprint or version.",
            mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Parameters(paramLabel = "NAME", description = "The blueprint's name, e.g. checkout.")
        String name;

        @Option(names = "--version", paramLabel = "N", description = "Which version (default: the latest).")
        Integer version;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try (JdbcReliabilityStore store = data.open()) {
                Optional<List<BlueprintVersion>> found =
                        versionsOrExplain(store.blueprints(), name, data.describe(), err);
                if (found.isEmpty()) {
                    return NOT_FOUND;
                }
                List<BlueprintVersion> versions = found.get();
                BlueprintVersion v = versions.getFirst();
                if (version != null) {
                    Optional<BlueprintVersion> asked = versions.stream()
                            .filter(x -> x.version() == version)
                            .findFirst();
                    if (asked.isEmpty()) {
                        err.println("arf blueprint: " + name + " has versions 1 to " + v.version() + "; there is no"
                                + " version " + version);
                        err.flush();
                        return NOT_FOUND;
                    }
                    v = asked.get();
                }
                if (v.removed()) {
                    err.println("arf blueprint: " + name + " v" + v.version() + " removed the blueprint (by "
                            + v.appliedBy() + " at " + v.appliedAt() + (v.note().isEmpty() ? "" : ": " + v.note())
                            + "); it has no text");
                    err.flush();
                    return 0;
                }
                PrintWriter out = spec.commandLine().getOut();
                out.print(v.yaml());
                out.flush();
            }
            return 0;
        }
    }
}
