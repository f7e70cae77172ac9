package dev.arf.core.sim;

import static dev.arf.core.sim.SimFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioCatalogTest {
    private static final Set<String> CAUSES = Set.of(
            "dependency_failure",
            "database_failure",
            "resource_exhaustion",
            "traffic_surge",
            "memory_leak",
            "bad_deploy",
            "network_partition");

    @Test
    void offersTheSixScenariosByName() {
        assertThat(ScenarioCatalog.all())
                .extracting(Scenario::name)
                .containsExactly(
                        "database-meltdown",
                        "black-friday-crisis",
                        "memory-leak-discovery",
                        "bad-deploy",
                        "network-partition",
                        "cpu-saturation");
        assertThat(ScenarioCatalog.byName("bad-deploy"))
                .get()
                .extracting(Scenario::expectedCause)
                .isEqualTo("bad_deploy");
        assertThat(ScenarioCatalog.byName("alien-invasion")).isEmpty();
    }

    @Test
    void everyScenarioWarmsUpForTenMinutesAndLastsAnHourToAnHourAndAHalf() {
        for (Scenario s : ScenarioCatalog.all()) {
            assertThat(s.step()).as(s.name()).isEqualTo(Duration.ofSeconds(15));
            assertThat(s.duration()).as(s.name()).isBetween(Duration.ofMinutes(60), Duration.ofMinutes(90));
            assertThat(s.faults()).as(s.name()).isNotEmpty();
            assertThat(s.faults().get(0).at()).as(s.name()).isEqualTo(Duration.ofMinutes(10));
            assertThat(CAUSES).as(s.name()).contains(s.expectedCause());
            assertThat(s.title()).isNotBlank();
            assertThat(s.description()).isNotBlank();
        }
    }

    @Test
    void everyScenarioIsHealthyDuringWarmUpAndVisiblyBrokenAfterItsFault() {
        Map<String, Metric> symptom = Map.of(
                "database-meltdown", Metric.ERROR_RATE,
                "black-friday-crisis", Metric.CPU_UTIL,
                "memory-leak-discovery", Metric.MEMORY_UTIL,
                "bad-deploy", Metric.ERROR_RATE,
                "network-partition", Metric.ERROR_RATE,
                "cpu-saturation", Metric.CPU_UTIL);
        Map<Metric, Double> brokenAbove =
                Map.of(Metric.ERROR_RATE, 0.2, Metric.CPU_UTIL, 0.85, Metric.MEMORY_UTIL, 0.85);
        for (Scenario s : ScenarioCatalog.all()) {
            ScenarioRun run = s.start(START, 99);
            while (run.elapsed().compareTo(Duration.ofMinutes(10)) < 0) {
                for (TelemetryEvent e : run.step()) {
                    assertThat(e.errorRate())
                            .as("%s warm-up %s", s.name(), e.service())
                            .isLessThan(0.02);
                    assertThat(e.latencyP99())
                            .as("%s warm-up %s", s.name(), e.service())
                            .isLessThan(400);
                }
            }
            Fault fault = s.faults().get(0).fault();
            Metric metric = symptom.get(s.name());
            String where = fault instanceof Fault.NetworkPartition ? "checkout" : fault.service();
            double worst = 0;
            List<TelemetryEvent> events = run.runToEnd();
            for (TelemetryEvent e : events) {
                if (e.service().equals(where)) {
                    worst = Math.max(worst, e.value(metric));
                }
            }
            assertThat(worst)
                    .as("%s: worst %s at %s", s.name(), metric.key(), where)
                    .isGreaterThan(brokenAbove.get(metric));
            if (s.faults().get(0).lasting().isPresent()) {
                assertThat(run.fleet().activeFaults())
                        .as("%s: a passing fault is gone", s.name())
                        .isEmpty();
            } else {
                assertThat(run.fleet().activeFaults()).containsExactly(fault);
            }
            assertThat(run.finished()).isTrue();
            assertThat(run.elapsed()).isEqualTo(s.duration());
        }
    }

    @Test
    void theDatabaseMeltdownLooksLikeSeedZero() {
        ScenarioRun run =
                ScenarioCatalog.byName("database-meltdown").orElseThrow().start(START, 0);
        Map<String, TelemetryEvent> last = Map.of();
        while (run.elapsed().compareTo(Duration.ofMinutes(20)) < 0) {
            last = SimFixtures.byService(run.step());
        }

        TelemetryEvent database = last.get("database");
        assertThat(database.latencyP99()).isCloseTo(850, within(60.0));
        assertThat(database.errorRate()).isCloseTo(0.35, within(0.03));
        assertThat(database.memoryUtil()).isCloseTo(0.98, within(0.02));
    }

    @Test
    void aFinishedRunRefusesAnotherStep() {
        Scenario tiny = new Scenario(
                "tiny",
                "Tiny",
                "two ticks",
                FleetCatalog.standard(),
                Duration.ofSeconds(30),
                List.of(),
                "traffic_surge");
        ScenarioRun run = tiny.start(START, 1);

        assertThat(run.runToEnd()).hasSize(10);
        assertThatThrownBy(run::step).isInstanceOf(NoSuchElementException.class);
    }
}
