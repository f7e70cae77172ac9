package dev.arf.cli;

import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.KillSwitch;
import dev.arf.lab.chaos.ActionRecord;
import dev.arf.lab.chaos.BuiltInExperiments;
import dev.arf.lab.chaos.ChaosBlueprints;
import dev.arf.lab.chaos.ChaosExperiment;
import dev.arf.lab.chaos.ChaosJson;
import dev.arf.lab.chaos.ChaosRunner;
import dev.arf.lab.chaos.Durations;
import dev.arf.lab.chaos.ExperimentLoader;
import dev.arf.lab.chaos.ExperimentResult;
import dev.arf.lab.chaos.Moment;
import dev.arf.lab.chaos.Outcome;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "chaos",
        description = "Chaos experiments on the simulated fleet, with ARF's engine healing under governance.",
        mixinStandardHelpOptions = true,
        subcommands = {ChaosCommand.ListExperiments.class, ChaosCommand.Run.class})
final class ChaosCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The blueprints of {@code --blueprints DIR}, or the simulated fleet's built-in ones. */
    static BlueprintCatalog blueprints(Path dir) {
        return dir == null ? ChaosBlueprints.builtIn() : ChaosBlueprints.fromDirectory(dir);
    }

    @Command(
            name = "list",
            description = "List the built-in experiments (shipped as YAML; 'arf chaos run NAME' runs one).",
            mixinStandardHelpOptions = true)
    static final class ListExperiments implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (ChaosExperiment e : BuiltInExperiments.all()) {
                out.printf(
                        Locale.ROOT,
                        "%-28s %-20s %-8s %s for %s%n%-28s   %s%n",
                        e.name(),
                        e.kind().key(),
                        e.blastRadius().scope(),
                        target(e),
                        Durations.text(e.duration()),
                        "",
                        e.description());
            }
            out.flush();
            return 0;
        }

        private static String target(ChaosExperiment e) {
            return switch (e.blastRadius()) {
                case dev.arf.lab.chaos.BlastRadius.Instances i -> i.count() + " of " + i.service();
                case dev.arf.lab.chaos.BlastRadius.Service s -> s.service();
                case dev.arf.lab.chaos.BlastRadius.Zone z ->
                    z.zone() + (z.services().isEmpty() ? "" : " " + String.join(",", z.services()));
            };
        }
    }

    @Command(
            name = "run",
            description = {
                "Run an experiment (a YAML file, or a built-in's name) on the simulated fleet, on virtual time,"
                        + " and print its timeline: injected, detected (MTTD), actions executed or refused with"
                        + " their reason codes, recovered (MTTR), aborted or not.",
                "Exit code 0 when the steady state held or ARF restored it while the fault was in, 1 when it did"
                        + " not (or the experiment was aborted or could not start), 2 for an invalid experiment."
            },
            mixinStandardHelpOptions = true)
    static final class Run implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "EXPERIMENT", description = "An experiment file (.yaml) or a built-in's name.")
        String experiment;

        @Option(names = "--seed", defaultValue = "42", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Option(
                names = "--blueprints",
                paramLabel = "DIR",
                description = "Govern with these blueprints instead of the simulated fleet's built-in ones.")
        Path blueprints;

        @Option(
                names = "--kill-switch",
                description = "Engage the kill switch: ARF detects and proposes, nothing runs.")
        boolean killSwitch;

        @Override
        public Integer call() {
            ChaosExperiment e = load(experiment);
            ChaosRunner runner = new ChaosRunner(blueprints(blueprints), killSwitch ? () -> true : KillSwitch.NEVER);
            ExperimentResult r = runner.run(e, seed);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(ChaosJson.write(ChaosJson.tree(r)));
            } else {
                tell(out, e, r);
            }
            out.flush();
            return r.outcome() == Outcome.HEALED || r.outcome() == Outcome.TOLERATED ? 0 : 1;
        }

        private ChaosExperiment load(String what) {
            boolean file = what.endsWith(".yaml") || what.endsWith(".yml") || Files.exists(Path.of(what));
            if (file) {
                return new ExperimentLoader().load(Path.of(what));
            }
            return BuiltInExperiments.byName(what)
                    .orElseThrow(() -> new picocli.CommandLine.ParameterException(
                            spec.commandLine(),
                            "no experiment file or built-in experiment '" + what + "'; built-in: "
                                    + String.join(
                                            ", ",
                                            BuiltInExperiments.all().stream()
                                                    .map(ChaosExperiment::name)
                                                    .toList())));
        }
    }

    static void tell(PrintWriter out, ChaosExperiment e, ExperimentResult r) {
        out.println("━━ " + e.name() + " (" + e.kind().key() + ", "
                + e.blastRadius().scope() + ", seed " + r.seed() + ")");
        out.println("   " + e.description());
        for (Moment m : r.timeline()) {
            out.printf(Locale.ROOT, "  %s  %-20s %s%n", Durations.offset(m.offset()), m.type(), m.text());
        }
        out.println();
        out.println("  outcome:  " + r.outcome().key()
                + r.abortedBy().map(w -> " (" + w + ")").orElse(""));
        out.println("  MTTD:     " + r.timeToDetect().map(Durations::text).orElse("not detected"));
        out.println("  MTTR:     "
                + r.timeToRecover().map(Durations::text).orElse(r.outcome().broken() ? "not recovered" : "n/a"));
        out.println("  actions:  " + r.executed() + " changes executed, " + r.refused() + " refused by governance"
                + refusals(r) + ", " + r.harmful() + " harmful (" + r.harmfulNotRolledBack() + " not rolled back)");
        out.println("  incidents: " + r.incidentsOpened() + " opened, " + r.incidentsResolved() + " resolved"
                + (r.falsePositives().isEmpty() ? "" : "; false positives: " + String.join(", ", r.falsePositives())));
    }

    private static String refusals(ExperimentResult r) {
        java.util.Map<String, Long> codes = new java.util.TreeMap<>();
        r.actions().stream().filter(ActionRecord::refused).forEach(a -> codes.merge(a.reasonCode(), 1L, Long::sum));
        if (codes.isEmpty()) {
            return "";
        }
        return " " + codes.toString().replace('{', '(').replace('}', ')').replace("=", " ");
    }
}
