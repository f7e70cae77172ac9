package dev.arf.lab.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.governance.KillSwitch;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChaosRunnerTest {
    private static final long SEED = 42;
    private final ChaosRunner runner = new ChaosRunner(ChaosBlueprints.builtIn(), KillSwitch.NEVER);

    private static ChaosExperiment builtIn(String name) {
        return BuiltInExperiments.byName(name).orElseThrow();
    }

    /** One experiment per kind: the fault degrades the service it is aimed at, and ARF opens an incident. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "checkout-latency, latency_injection, checkout",
        "payments-errors, error_injection, payments",
        "gateway-cpu-hog, resource_exhaustion, api-gateway",
        "checkout-memory-hog, resource_exhaustion, checkout",
        "gateway-instance-kill, instance_kill, api-gateway",
        // the cache itself sits idle and healthy: its caller is what degrades
        "cache-partition, network_partition, checkout",
        "database-failure, dependency_failure, database"
    })
    void shouldDegradeTheServiceAndBeDetected(String name, String kind, String degraded) {
        ExperimentResult r = runner.run(builtIn(name), SEED);

        assertThat(r.kind().key()).isEqualTo(kind);
        assertThat(r.outcome().broken()).as("the fault broke the steady state").isTrue();
        assertThat(r.degraded()).contains(degraded);
        assertThat(r.timeline()).anySatisfy(m -> {
            assertThat(m.type()).isEqualTo("STEADY_STATE_BROKEN");
            assertThat(m.text()).contains(degraded + ":");
        });
        assertThat(r.timeToDetect()).hasValueSatisfying(d -> assertThat(d).isLessThan(Duration.ofMinutes(3)));
        assertThat(r.faultsLeft()).isEmpty();
    }

    @Test
    void shouldAbortAndRemoveTheFaultWhenASafetyCheckFails() {
        ExperimentResult r = runner.run(builtIn("payments-errors-guarded"), SEED);

        assertThat(r.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(r.abortedBy())
                .hasValueSatisfying(why -> assertThat(why).startsWith("error_rate < 10.0% on api-gateway"));
        Duration abortedAt = r.timeline().stream()
                .filter(m -> m.type().equals("ABORTED"))
                .findFirst()
                .orElseThrow()
                .offset();
        assertThat(abortedAt)
                .as("held for the check's 'for' of 15s, well before the fault's scheduled end")
                .isBetween(r.injectedAt().plusSeconds(15), r.injectedAt().plusMinutes(1));
        assertThat(r.timeline())
                .filteredOn(m -> m.type().equals("ABORTED"))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).contains("fault removed, 0 simulator faults left"));
        assertThat(r.timeline()).noneMatch(m -> m.type().equals("FAULT_ENDED"));
        assertThat(r.timeToRecover())
                .as("with the fault gone the fleet recovers at once")
                .hasValueSatisfying(d -> assertThat(d).isLessThan(Duration.ofMinutes(5)));
    }

    @Test
    void shouldNotStartWhenTheSteadyStateDoesNotHoldBeforeTheFault() {
        ChaosExperiment strict = new ExperimentLoader().load("""
                        kind: ChaosExperiment
                        name: strict
                        fault: {type: instance_kill}
                        blast_radius: {scope: instance, service: cache, instances: 1}
                        duration: 5m
                        steady_state:
                          - {metric: latency_p99, below: 1ms}
                        """, "strict.yaml");

        ExperimentResult r = runner.run(strict, SEED);

        assertThat(r.outcome()).isEqualTo(Outcome.NOT_STARTED);
        assertThat(r.instances()).isNotEmpty();
        assertThat(r.timeline()).noneMatch(m -> m.type().equals("INJECTED"));
    }

    @Test
    void shouldHealAPodBoundFaultByRestartingAndSayWhichActionRemovedIt() {
        ExperimentResult r = runner.run(builtIn("gateway-cpu-hog"), SEED);

        assertThat(r.outcome()).isEqualTo(Outcome.HEALED);
        assertThat(r.removedBy()).contains("restart_container on api-gateway");
        assertThat(r.timeToRecover()).hasValueSatisfying(d -> assertThat(d).isLessThan(Duration.ofMinutes(20)));
    }

    @Test
    void shouldRecordGovernanceRefusalsWithTheirReasonCodes() {
        ExperimentResult r = runner.run(builtIn("database-failure"), SEED);

        assertThat(r.actions())
                .filteredOn(a -> a.refused() && a.target().equals("database"))
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.reasonCode()).isEqualTo("APPROVAL_REQUIRED"));
        assertThat(r.outcome()).isEqualTo(Outcome.RECOVERED_AFTER_FAULT_ENDED);
    }

    @Test
    void shouldRefuseEveryChangeWhileTheKillSwitchIsEngaged() {
        ChaosRunner stopped = new ChaosRunner(ChaosBlueprints.builtIn(), () -> true);

        ExperimentResult r = stopped.run(builtIn("gateway-cpu-hog"), SEED);

        assertThat(r.executed()).isZero();
        assertThat(r.actions())
                .filteredOn(ActionRecord::refused)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.reasonCode()).isEqualTo("KILL_SWITCH_ENGAGED"));
        assertThat(r.outcome()).isEqualTo(Outcome.RECOVERED_AFTER_FAULT_ENDED);
        assertThat(r.detected()).isTrue();
    }

    @Test
    void shouldGiveTheSameResultForTheSameSeed() {
        ChaosExperiment e = builtIn("gateway-instance-kill");

        ExperimentResult first = runner.run(e, 7);
        ExperimentResult second = new ChaosRunner(ChaosBlueprints.builtIn(), KillSwitch.NEVER).run(e, 7);

        assertThat(second).isEqualTo(first);
        assertThat(first.instances()).hasSize(4);
    }

    @Test
    void shouldKillEveryInstanceOfAZone() {
        ExperimentResult r = runner.run(builtIn("zone-a-outage"), SEED);

        assertThat(r.instances())
                .contains("api-gateway-0", "api-gateway-3", "database-0", "cache-0")
                .doesNotContain("api-gateway-1", "cache-1");
        assertThat(r.blastRadius())
                .containsExactlyInAnyOrder("api-gateway", "checkout", "payments", "database", "cache");
    }

    @Test
    void shouldCountNoIncidentInAShortHealthySoak() {
        SoakResult soak = runner.soak(Duration.ofHours(2), SEED);

        assertThat(soak.hours()).isEqualTo(2);
        assertThat(soak.openedPerHour()).hasSize(2);
        assertThat(soak.hoursWithIncident())
                .isEqualTo(soak.hourWithIncident().stream().filter(b -> b).count());
        assertThat(soak.incidents())
                .hasSize(soak.openedPerHour().stream()
                        .mapToInt(Integer::intValue)
                        .sum());
    }

    @Test
    void shipsTheExampleBlueprintsOfTheSimulatedFleet() throws Exception {
        java.nio.file.Path examples = java.nio.file.Path.of("..", "examples", "blueprints-sim");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(examples));
        for (String file : ChaosBlueprints.FILES) {
            try (var in = ChaosBlueprints.class.getResourceAsStream("/chaos/blueprints/" + file)) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .as(file)
                        .isEqualTo(java.nio.file.Files.readString(examples.resolve(file)));
            }
        }
        assertThat(List.of(java.nio.file.Files.list(examples)
                        .map(p -> p.getFileName().toString())
                        .sorted()
                        .toArray()))
                .containsExactlyElementsOf(ChaosBlueprints.FILES);
    }
}
