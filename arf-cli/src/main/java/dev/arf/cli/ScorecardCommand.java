package dev.arf.cli;

import dev.arf.core.governance.KillSwitch;
import dev.arf.lab.chaos.ChaosRunner;
import dev.arf.lab.chaos.Durations;
import dev.arf.lab.chaos.ExperimentResult;
import dev.arf.lab.scorecard.Scorecard;
import dev.arf.lab.scorecard.ScorecardReport;
import dev.arf.lab.scorecard.ScorecardWriter;
import dev.arf.lab.scorecard.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "scorecard",
        description = {
            "Seed 004's SRE scorecard: a fixed, seeded set of chaos experiments (every kind) and a 24-hour soak"
                    + " with no fault, on the simulated fleet with ARF healing under governance; MTTD, MTTR,"
                    + " automated resolution, false positives, refused and harmful actions, against seed 004's"
                    + " targets.",
            "Writes scorecard.md, scorecard.json and two PNG charts into --out. Exit code 0 only when every"
                    + " target is met."
        },
        mixinStandardHelpOptions = true)
final class ScorecardCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = ".",
            description = "Where to write (default: the current folder).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the whole run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--blueprints",
            paramLabel = "DIR",
            description = "Govern with these blueprints instead of the simulated fleet's built-in ones.")
    Path blueprints;

    @Option(names = "--kill-switch", description = "Engage the kill switch: ARF detects and proposes, nothing runs.")
    boolean killSwitch;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scorecard scorecard = new Scorecard(
                new ChaosRunner(ChaosCommand.blueprints(blueprints), killSwitch ? () -> true : KillSwitch.NEVER));
        ScorecardReport report = scorecard.run(seed, step -> {
            err.println("running " + step + " …");
            err.flush();
        });
        List<Path> files = ScorecardWriter.write(report, out);
        w.printf(Locale.ROOT, "%-28s %-20s %-28s %8s %8s%n", "experiment", "kind", "outcome", "MTTD", "MTTR");
        for (ExperimentResult r : report.experiments()) {
            w.printf(
                    Locale.ROOT,
                    "%-28s %-20s %-28s %8s %8s%n",
                    r.experiment(),
                    r.kind().key(),
                    r.outcome().key(),
                    r.timeToDetect().map(Durations::text).orElse("—"),
                    r.timeToRecover().map(Durations::text).orElse("—"));
        }
        w.println();
        for (Target t : report.targets()) {
            w.printf(
                    Locale.ROOT,
                    "%-4s %-36s %-9s %s%n",
                    t.passed() ? "PASS" : "FAIL",
                    t.name(),
                    t.goal(),
                    t.measured());
        }
        w.println("actions refused by governance: " + report.refused() + " " + report.refusedByReason());
        w.println();
        files.forEach(f -> w.println("wrote " + f));
        w.printf(Locale.ROOT, "(%.1f s)%n", report.wallTime().toMillis() / 1000.0);
        w.flush();
        return report.allTargetsMet() ? 0 : 1;
    }
}
