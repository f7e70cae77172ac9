package dev.arf.cli;

import dev.arf.lab.replay.OutageReplay;
import dev.arf.lab.replay.OutageReplayer;
import dev.arf.lab.replay.OutageTimeline;
import dev.arf.lab.replay.ReplayReport;
import dev.arf.lab.replay.TimelineException;
import dev.arf.lab.replay.TimelineReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "replay",
        description = {
            "Replay your own outage timeline (CSV or JSON; see arf-lab/README.md) through ARF's engine on virtual"
                    + " time and write replay_report.md and a chart: when ARF would have detected it relative to"
                    + " customer impact, its analysis, recommended actions and business impact.",
            "A malformed file is refused with every problem as file:line:column: field: message (exit code 2)."
        },
        mixinStandardHelpOptions = true)
final class ReplayCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The timeline: .json or .csv.")
    Path file;

    @Mixin
    ReplayOptions options;

    @Override
    public Integer call() throws Exception {
        OutageTimeline timeline;
        try {
            timeline = new TimelineReader().read(file);
        } catch (TimelineException e) {
            spec.commandLine().getErr().println("arf replay: " + file + " cannot be replayed:");
            e.problems().forEach(p -> spec.commandLine().getErr().println("  " + p));
            return 2;
        }
        long started = System.nanoTime();
        dev.arf.lab.replay.ReplayReport.prepareCharts();
        OutageReplay replay;
        try (ReplayProgress progress = ReplayProgress.open(spec.commandLine().getErr(), 1, "Replaying")) {
            replay = new dev.arf.lab.replay.PostmortemBenchmark(
                            new OutageReplayer(options.settings(), options.detectors(), options.policies()))
                    .run(List.of(timeline), progress)
                    .get(0);
        }
        return options.writeAndTell(
                spec,
                List.of(replay),
                ReplayReport.REPLAY_FILE,
                "ARF replay: " + timeline.name(),
                "arf replay " + file.getFileName() + options.commandSuffix(),
                started);
    }
}
