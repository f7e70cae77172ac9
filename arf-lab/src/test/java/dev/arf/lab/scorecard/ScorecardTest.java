package dev.arf.lab.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.governance.KillSwitch;
import dev.arf.lab.chaos.ActionRecord;
import dev.arf.lab.chaos.BuiltInExperiments;
import dev.arf.lab.chaos.ChaosBlueprints;
import dev.arf.lab.chaos.ChaosExperiment;
import dev.arf.lab.chaos.ChaosRunner;
import dev.arf.lab.chaos.ExperimentKind;
import dev.arf.lab.chaos.ExperimentResult;
import dev.arf.lab.chaos.HealthChange;
import dev.arf.lab.chaos.Outcome;
import dev.arf.lab.chaos.SoakResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
    void shouldFailTheHarmTargetForAHarmfulActionNotRolledBack() {
        ActionRecord harmful = new ActionRecord(
                Duration.ofMinutes(11),
                "k1",
                "scale_in",
                "checkout",
                "policy:x",
                "EXECUTED",
                "EXECUTED",
                "",
                true,
                false,
                Optional.of(new HealthChange(0.01, 0.08, 120, 130)),
                false);
        ActionRecord undone = new ActionRecord(
                Duration.ofMinutes(12),
                "k2",
                "scale_out",
                "payments",
                "policy:y",
                "EXECUTED",
                "EXECUTED",
                "",
                true,
                false,
                Optional.of(new HealthChange(0.01, 0.01, 100, 400)),
                true);
        ActionRecord refused = new ActionRecord(
                Duration.ofMinutes(12),
                "k3",
                "restart_container",
                "database",
                "policy:z",
                "REFUSED",
                "APPROVAL_REQUIRED",
                "",
                true,
                false,
                Optional.empty(),
                false);
        ExperimentResult result = new ExperimentResult(
                "made-up",
                ExperimentKind.ERROR_INJECTION,
                "service",
                1,
                List.of("checkout"),
                List.of("checkout"),
                List.of("checkout"),
                List.of("checkout-0"),
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                Duration.ofMinutes(60),
                Outcome.HEALED,
                Optional.of(Duration.ofMinutes(1)),
                Optional.of(Duration.ofMinutes(4)),
                Optional.empty(),
                Optional.empty(),
                List.of(harmful, undone, refused),
                1,
                1,
                List.of(),
                List.of(),
                List.of());
        SoakResult soak = new SoakResult(
                Duration.ofHours(2), 1, List.of(0, 1), List.of(false, true), List.of("cache at 1h05m"), 0, 0);

        ScorecardReport report = Scorecard.summarise(1, List.of(result), soak, Duration.ZERO);

        assertThat(report.harmful()).isEqualTo(2);
        assertThat(report.harmfulLeft()).isEqualTo(1);
        assertThat(target(report, "Harmful actions left un-rolled-back").passed())
                .isFalse();
        assertThat(report.refusedByReason()).containsExactly(java.util.Map.entry("APPROVAL_REQUIRED", 1L));
        assertThat(report.falsePositiveUnits()).isEqualTo(1);
        assertThat(report.units()).isEqualTo(3);
        assertThat(target(report, "False positives").passed())
                .as("1 of 3 units")
                .isFalse();
        assertThat(report.automatedResolutionRate()).isEqualTo(1.0);
        assertThat(target(report, "MTTR").passed()).isTrue();
        assertThat(target(report, "MTTD").passed()).isTrue();
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
