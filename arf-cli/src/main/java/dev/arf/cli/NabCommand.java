package dev.arf.cli;

import dev.arf.core.detect.SeriesSettings;
import dev.arf.lab.nab.NabReport;
import dev.arf.lab.nab.NabResult;
import dev.arf.lab.nab.NabRunner;
import dev.arf.lab.nab.NabScorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "nab",
        description = "The Numenta Anomaly Benchmark: score data files with ARF's detector, and score the results.",
        subcommands = {NabCommand.Run.class, NabCommand.Score.class})
final class NabCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "run",
            description = {
                "Stream every DATA/<category>/<name>.csv (timestamp,value) through ARF's series detector, one fresh"
                        + " detector per file, and write OUT/<category>/<name>.csv with timestamp,value,anomaly_score.",
                "Needs no labels. Each score uses only the rows up to its own."
            })
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data", required = true, description = "NAB-format data directory")
        Path data;

        @Option(names = "--out", required = true, description = "where to write the results")
        Path out;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            List<Path> files = NabRunner.dataFiles(data);
            int[] done = {0};
            long started = System.nanoTime();
            List<NabRunner.FileRun> runs = new NabRunner(SeriesSettings.DEFAULT)
                    .run(
                            data,
                            out,
                            run -> err.printf(
                                    "[%d/%d] %s (%,d rows)%n", ++done[0], files.size(), run.file(), run.rows()));
            long rows = runs.stream().mapToLong(NabRunner.FileRun::rows).sum();
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%d files, %,d rows scored in %.1f s; results in %s%n",
                            runs.size(), rows, (System.nanoTime() - started) / 1e9, out);
            return 0;
        }
    }

    @Command(
            name = "score",
            description = {
                "Score anomaly results by NAB v1.1's rules: windows, scaled sigmoid, the three application profiles,"
                        + " the threshold optimised per profile unless fixed, normalised against the null and perfect"
                        + " detectors."
            })
    static final class Score implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--results", required = true, description = "results directory (<category>/<name>.csv)")
        Path results;

        @Option(names = "--labels", required = true, description = "NAB's combined_windows.json")
        Path labels;

        @Option(names = "--profiles", description = "NAB's profiles.json (default: NAB v1.1's three profiles)")
        Path profiles;

        @Option(
                names = "--threshold",
                paramLabel = "PROFILE=T",
                description = "score PROFILE at the fixed threshold T instead of optimising it (repeatable)")
        Map<String, Double> thresholds = Map.of();

        @Option(names = "--per-file", description = "also print each file's raw score and counts")
        boolean perFile;

        @Override
        public Integer call() {
            NabResult result;
            try {
                result = NabScorer.score(results, labels, profiles, thresholds);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            NabReport.print(result, perFile, spec.commandLine().getOut());
            return 0;
        }
    }
}
