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
    void detectsDiagnosesAndResolvesEveryScenario(Scenario scenario) {
        ScenarioReport report = new ScenarioRunner().run(scenario, 42, new ScenarioListener() {});

        assertThat(report.timeToDetect())
                .as("MTTD")
                .hasValueSatisfying(d -> assertThat(d)
                        .isLessThan(
                                scenario.name().equals("memory-leak-discovery")
                                        ? Duration.ofMinutes(40)
                                        : Duration.ofMinutes(3)));
        assertThat(report.diagnosedCause()).isEqualTo(scenario.expectedCause());
        assertThat(report.resolved())
                .as("every incident resolved before the scenario ends")
                .isTrue();
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
    void aRunIsDeterministicForItsSeed() {
        Scenario scenario = ScenarioCatalog.byName("database-meltdown").orElseThrow();
        ScenarioReport first = new ScenarioRunner().run(scenario, 11, new ScenarioListener() {});
        ScenarioReport second = new ScenarioRunner().run(scenario, 11, new ScenarioListener() {});
        assertThat(second).isEqualTo(first);
    }
}
