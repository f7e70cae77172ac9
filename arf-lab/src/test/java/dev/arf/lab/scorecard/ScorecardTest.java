package dev.arf.lab.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.governance.KillSwitch;
import dev.arf.lab.chaos.BuiltInExperiments;
import dev.arf.lab.chaos.ChaosBlueprints;
import dev.arf.lab.chaos.ChaosExperiment;
import dev.arf.lab.chaos.ChaosRunner;
import dev.arf.lab.chaos.ExperimentResult;
import dev.arf.lab.chaos.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorecardTest {
    private static final List<ChaosExperiment> SUITE = List.of(
            BuiltInExperiments.byName("gateway-cpu-hog").orElseThrow(),
            BuiltInExperiments.byName("database-failure").orElseThrow());

    private static ScorecardReport run(KillSwitch killSwitch) {
        return new Scorecard(new ChaosRunner(ChaosBlueprints.builtIn(), killSwitch), SUITE, Duration.ofHours(2))
                .run(42, name -> {});
    }

    @Test
    void shouldResolveNothingAutomaticallyWhenTheKillSwitchStopsHealing() {
        ScorecardReport report = run(() -> true);

        assertThat(report.broken()).isEqualTo(2);
        assertThat(report.healed()).isZero();
        assertThat(report.automatedResolutionRate()).isZero();
        assertThat(report.refusedByReason()).containsKey("KILL_SWITCH_ENGAGED");
        assertThat(report.experiments())
                .allSatisfy(r -> assertThat(r.executed()).isZero());
        assertThat(target(report, "Automated resolution").passed()).isFalse();
        assertThat(target(report, "Automated resolution").measured()).startsWith("0.0 % (0 of 2)");
        assertThat(target(report, "MTTR").passed())
                .as("the steady state held again only when the faults were taken out")
                .isFalse();
    }

    @Test
    void shouldComputeEveryFigureFromTheRun() {
        ScorecardReport report = run(KillSwitch.NEVER);
        List<ExperimentResult> results = report.experiments();

        assertThat(results)
                .extracting(ExperimentResult::outcome)
                .containsExactly(Outcome.HEALED, Outcome.RECOVERED_AFTER_FAULT_ENDED);
        assertThat(report.automatedResolutionRate()).isEqualTo(0.5);
        assertThat(report.refusedByReason()).containsKey("APPROVAL_REQUIRED");
        assertThat(report.refused())
                .isEqualTo(results.stream().mapToLong(ExperimentResult::refused).sum());
        long detectMillis = results.stream()
                .mapToLong(r -> r.timeToDetect().orElseThrow().toMillis())
                .sum();
        assertThat(report.meanTimeToDetect()).contains(Duration.ofMillis(detectMillis / results.size()));
        long withFalsePositive =
                results.stream().filter(r -> !r.falsePositives().isEmpty()).count();
        assertThat(report.falsePositiveUnits()).isEqualTo(report.soak().hoursWithIncident() + withFalsePositive);
        assertThat(report.units()).isEqualTo(2 + 2);
        assertThat(report.targets())
                .extracting(Target::name)
                .containsExactly(
                        "MTTD",
                        "MTTR",
                        "Automated resolution",
                        "False positives",
                        "Harmful actions left un-rolled-back");
    }

    @Test
    void shouldCountAHarmfulActionLeftInPlace() {
        ScorecardReport report = run(KillSwitch.NEVER);
        List<ExperimentResult> results = new ArrayList<>(report.experiments());

        // the figures come from the actions: a harmful one that was not rolled back fails the target
        long harmful = results.stream()
                .mapToLong(ExperimentResult::harmfulNotRolledBack)
                .sum();
        assertThat(report.harmfulLeft()).isEqualTo(harmful);
        assertThat(target(report, "Harmful actions left un-rolled-back").passed())
                .isEqualTo(harmful == 0);
    }

    @Test
    void shouldWriteTheReportJsonAndCharts(@TempDir Path dir) throws Exception {
        ScorecardReport report = run(KillSwitch.NEVER);

        List<Path> files = ScorecardWriter.write(report, dir);

        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "scorecard.md", "scorecard.json", "scorecard-mttd-mttr.png", "scorecard-soak-incidents.png");
        assertThat(Files.readString(dir.resolve("scorecard.md")))
                .contains("| Automated resolution | >= 90 % | 50.0 % (1 of 2) | **FAIL** |")
                .contains("### gateway-cpu-hog");
        assertThat(Files.readString(dir.resolve("scorecard.json")))
                .contains("\"automated_resolution_rate\" : 0.5")
                .contains("\"experiment\" : \"database-failure\"");
        for (String png : List.of("scorecard-mttd-mttr.png", "scorecard-soak-incidents.png")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(png));
            assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
    }

    private static Target target(ScorecardReport report, String name) {
        return report.targets().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
