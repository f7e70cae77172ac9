package dev.arf.cli;

import dev.arf.core.detect.DetectorSettings;
import dev.arf.core.policy.HealingPolicy;
import dev.arf.lab.replay.OutageReplay;
import dev.arf.lab.replay.ReplayReport;
import dev.arf.lab.replay.ReplayResult;
import dev.arf.lab.replay.ReplaySettings;
import dev.arf.lab.replay.ReplaySummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options {@code arf benchmark} and {@code arf replay} share, and how both write their results. */
final class ReplayOptions {
    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = ".",
            description = "Where to write the report and its charts (default: the current directory).")
    Path out;

    @Option(names = "--json", description = "Print the figures as JSON on standard output.")
    boolean json;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the noise added to the interpolated telemetry (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    PolicyOptions policyOptions;

    ReplaySettings settings() {
        return ReplaySettings.defaults().withSeed(seed);
    }

    DetectorSettings detectors() {
        return DetectorSettings.defaults();
    }

    List<HealingPolicy> policies() {
        return policyOptions.load();
    }

    /** What to add to the command name so the report names the command that regenerates it. */
    String commandSuffix() {
        return (seed == 42 ? "" : " --seed " + seed)
                + (policyOptions.file == null ? "" : " --policies " + policyOptions.file.getFileName());
    }

    int writeAndTell(
            CommandSpec spec, List<OutageReplay> replays, String file, String title, String command, long startedNanos)
            throws IOException {
        Duration replayTime = Duration.ofNanos(System.nanoTime() - startedNanos);
        List<Path> written;
        try {
            written = ReplayReport.write(
                    out,
                    file,
                    title,
                    replays,
                    new ReplayReport.Context(command, VersionCommand.arfVersion(), replayTime));
        } catch (IOException e) {
            spec.commandLine().getErr().println("arf " + spec.name() + ": cannot write into " + out + ": " + why(e));
            return 2;
        }
        Duration total = Duration.ofNanos(System.nanoTime() - startedNanos);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("report", written.get(0).toString());
            doc.put("files", written.stream().map(Path::toString).toList());
            doc.put("wall_time_seconds", total.toMillis() / 1000.0);
            doc.put(
                    "outages",
                    replays.stream()
                            .map(r -> ReplaySummary.of(
                                    r, ReplayReport.chartFile(r.reconstructed().timeline())))
                            .toList());
            stdout.println(Json.write(doc));
        } else {
            for (OutageReplay r : replays) {
                ReplayResult res = r.reconstructed();
                stdout.printf("%-18s %s%n", res.timeline().id(), ReplayReport.verdictText(res));
                r.abruptOnset()
                        .ifPresent(a -> stdout.printf(
                                "%-18s   with an abrupt onset at impact: %s%n", "", ReplayReport.verdictText(a)));
            }
            stdout.printf(
                    "Report: %s (%d charts), written in %.1f s%n",
                    written.get(0), written.size() - 1, total.toMillis() / 1000.0);
        }
        stdout.flush();
        return 0;
    }

    private static String why(IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
