package dev.arf.cli;

import dev.arf.lab.replay.OutageCatalog;
import dev.arf.lab.replay.OutageReplay;
import dev.arf.lab.replay.OutageReplayer;
import dev.arf.lab.replay.OutageTimeline;
import dev.arf.lab.replay.PostmortemBenchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "benchmark",
        description = {
            "Replay five public outages (AWS S3 2017, GitHub 2018, CrowdStrike 2024, Cloudflare 2019, Facebook"
                    + " 2019) through ARF's engine on virtual time and write benchmark_report.md with one chart per"
                    + " outage and a summary chart.",
            "Their timelines are sparse reconstructions (5 points each); each outage is also replayed with an"
                    + " abrupt onset at impact, since the postmortems describe no precursor."
        },
        mixinStandardHelpOptions = true)
final class BenchmarkCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ReplayOptions options;

    @Override
    public Integer call() throws Exception {
        List<OutageTimeline> outages = OutageCatalog.all();
        OutageReplayer replayer = new OutageReplayer(options.settings(), options.detectors(), options.policies());
        long started = System.nanoTime();
        dev.arf.lab.replay.ReplayReport.prepareCharts();
        List<OutageReplay> replays;
        try (ReplayProgress progress =
                ReplayProgress.open(spec.commandLine().getErr(), outages.size(), "Replaying outages")) {
            replays = new PostmortemBenchmark(replayer).run(outages, progress);
        }
        return options.writeAndTell(
                spec,
                replays,
                dev.arf.lab.replay.ReplayReport.BENCHMARK_FILE,
                "ARF post-mortem replay benchmark",
                "arf benchmark" + options.commandSuffix(),
                started);
    }
}
