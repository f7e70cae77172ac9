package dev.arf.cli;

import dev.arf.lab.replay.OutageReplay;
import dev.arf.lab.replay.PostmortemBenchmark;
import dev.arf.lab.replay.ReplayReport;
import dev.arf.lab.replay.ReplayResult;
import java.io.Console;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows replays as they go: a progress bar (me.tongfei progressbar) on an interactive terminal,
 * otherwise one line per finished replay on the error stream, so logs and CI keep a readable record.
 */
final class ReplayProgress implements PostmortemBenchmark.Progress, AutoCloseable {
    private final PrintWriter err;
    private final ProgressBar bar;

    private ReplayProgress(PrintWriter err, ProgressBar bar) {
        this.err = err;
        this.bar = bar;
    }

    static ReplayProgress open(PrintWriter err, int total, String task) {
        if (!interactive()) {
            return new ReplayProgress(err, null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(100)
                .hideEta()
                .build();
        return new ReplayProgress(err, bar);
    }

    /**
     * Whether standard streams are a terminal. On JDK 22 and later {@link System#console()} exists even
     * when redirected and {@code Console.isTerminal()} tells; on JDK 21 a console exists only on a
     * terminal.
     */
    private static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void replayed(OutageReplay replay, int done, int total) {
        if (bar != null) {
            bar.setExtraMessage(replay.reconstructed().timeline().id());
            bar.step();
            return;
        }
        ReplayResult r = replay.reconstructed();
        err.printf(
                "[%d/%d] %s: %s%s%n",
                done,
                total,
                r.timeline().id(),
                ReplayReport.verdictText(r),
                replay.abruptOnset()
                        .map(a -> "; abrupt onset: " + ReplayReport.verdictText(a))
                        .orElse(""));
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
