package dev.arf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code arf chaos} and {@code arf scorecard}, in-process. */
class ChaosE2E {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private static Run arf(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listsTheBuiltInExperiments() {
        Run run = arf("chaos", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("checkout-latency", "latency_injection", "zone-a-outage", "zone", "database-failure");
    }

    @Test
    void runsABuiltInExperimentAndTellsItsTimeline() {
        Run run = arf("chaos", "run", "gateway-cpu-hog");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("INJECTED", "DETECTED", "MTTD", "ACTION_EXECUTED", "restart_container", "RECOVERED")
                .contains("outcome:  healed");
    }

    @Test
    void runsAnExperimentFileAndShowsTheAbortAsJson() throws Exception {
        Path file = dir.resolve("guarded.yaml");
        Files.writeString(file, """
                kind: ChaosExperiment
                name: guarded
                fault: {type: error_injection, error_rate: 60%}
                blast_radius: {scope: service, service: payments}
                duration: 20m
                safety:
                  - {metric: error_rate, below: 10%, services: [api-gateway], for: 15s}
                """);

        Run run = arf("chaos", "run", file.toString(), "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("\"outcome\" : \"aborted\"", "\"aborted\" : true", "\"type\" : \"SAFETY_CHECK_FAILED\"");
    }

    @Test
    void showsRefusalsWithTheirReasonCodes() {
        Run run = arf("chaos", "run", "database-failure");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("ACTION_REFUSED", "refused: APPROVAL_REQUIRED", "recovered_after_fault_ended");
    }

    @Test
    void explainsAnInvalidExperimentWithItsPosition() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                kind: ChaosExperiment
                name: bad
                fault: {type: instance_kill}
                blast_radius: {scope: service, service: mainframe}
                duration: 20m
                """);

        Run run = arf("chaos", "run", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml:4:41: blast_radius.service: unknown service 'mainframe'");
    }

    @Test
    void writesTheScorecardWithItsChartsAndJudgesEveryTarget() throws Exception {
        Path out = dir.resolve("tmp");

        Run run = arf("scorecard", "--out", out.toString(), "--seed", "42");

        assertThat(run.exitCode())
                .as("not every target is met (see BENCHMARKS.md)")
                .isEqualTo(1);
        assertThat(run.out())
                .contains("MTTD", "MTTR", "Automated resolution", "False positives", "Harmful actions")
                .containsPattern("(PASS|FAIL) +MTTD");
        for (String f : new String[] {
            "scorecard.md", "scorecard.json", "scorecard-mttd-mttr.png", "scorecard-soak-incidents.png"
        }) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readString(out.resolve("scorecard.md"))).contains("## Targets (seed 004)", "## Soak");
    }
}
