package dev.arf.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.sim.Scenario;
import dev.arf.core.sim.ScenarioCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every demo scenario, end to end through the real engine on the simulator. */
class ScenariosTest {
    static Stream<Scenario> scenarios() {
        return ScenarioCatalog.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void detectsDiagnosesAndHealsEveryScenario(Scenario scenario) {
        ScenarioReport report = new ScenarioRunner().run(scenario, 42, new ScenarioListener() {});

        boolean leak = scenario.name().equals("memory-leak-discovery");
        assertThat(report.timeToDetect())
                .as("MTTD")
                .hasValueSatisfying(
                        d -> assertThat(d).isLessThan(leak ? Duration.ofMinutes(10) : Duration.ofMinutes(3)));
        assertThat(report.diagnosedCause()).isEqualTo(scenario.expectedCause());
        if (leak) {
            // A restart frees the leaked memory but only a code fix ends a leak: ARF keeps restarting
            // ahead of the OOM killer and pages people; it does not pretend the incident is over.
            assertThat(report.actionsExecuted()).contains("restart_container→checkout", "alert_team→checkout");
        } else {
            assertThat(report.resolved())
                    .as("every incident resolved before the scenario ends")
                    .isTrue();
        }
        assertThat(report.actionsExecuted()).as("healing actions carried out").isNotEmpty();
        assertThat(report.actionsRefusedOrFailed()).isZero();
    }

    @Test
    void theStoryIsToldInOrder() {
        List<String> story = new ArrayList<>();
        new ScenarioRunner().run(ScenarioCatalog.byName("bad-deploy").orElseThrow(), 7, new ScenarioListener() {
            @Override
            public void faultInjected(java.time.Instant at, dev.arf.core.sim.Fault fault) {
                story.add("fault");
            }

            @Override
            public void incidentOpened(dev.arf.core.engine.AnalysisResult result, dev.arf.core.incident.Incident i) {
                story.add("opened");
            }

            @Override
            public void healed(java.time.Instant at, dev.arf.core.engine.HealingStep step) {
                story.add("healed");
            }

            @Override
            public void resolved(dev.arf.core.incident.Incident incident) {
                story.add("resolved");
            }
        });
        assertThat(story).containsSubsequence("fault", "opened", "healed", "resolved");
    }

    @Test
    void aHealthyFleetOpensNoIncidentInTwelveHours() {
        Scenario quiet = new Scenario(
                "quiet",
                "Quiet day",
                "No fault at all",
                dev.arf.core.sim.FleetCatalog.standard(),
                Duration.ofHours(12),
                Scenario.DEFAULT_STEP,
                List.of(),
                "unknown");
        for (long seed : new long[] {1, 2, 3}) {
            ScenarioReport report = new ScenarioRunner().run(quiet, seed, new ScenarioListener() {});
            assertThat(report.incidentsOpened())
                    .as("false alarms with seed %d", seed)
                    .isZero();
            assertThat(report.actionsExecuted()).isEmpty();
        }
    }

    @Test
    void aRunIsDeterministicForItsSeed() {
        Scenario scenario = ScenarioCatalog.byName("database-meltdown").orElseThrow();
        ScenarioReport first = new ScenarioRunner().run(scenario, 11, new ScenarioListener() {});
        ScenarioReport second = new ScenarioRunner().run(scenario, 11, new ScenarioListener() {});
        assertThat(second).isEqualTo(first);
    }
}
