package dev.arf.cli;

import dev.arf.config.BlueprintLoader;
import dev.arf.config.ConfigException;
import dev.arf.core.blueprint.Blueprint;
import dev.arf.core.blueprint.GlobalBlueprint;
import dev.arf.core.blueprint.ServiceBlueprint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "blueprint",
        description = "Service blueprints (seed 002): what each service may do on its own, needs approval for, or"
                + " must never do.",
        mixinStandardHelpOptions = true,
        subcommands = {BlueprintCommand.Validate.class})
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
}
