package dev.arf.core.sim;

import static dev.arf.core.sim.SimFixtures.START;
import static dev.arf.core.sim.SimFixtures.STEP;
import static dev.arf.core.sim.SimFixtures.action;
import static dev.arf.core.sim.SimFixtures.standardFleet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.policy.HealingAction;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetTest {

    private static List<TelemetryEvent> scriptedRun(long seed) {
        Fleet fleet = standardFleet(seed);
        List<TelemetryEvent> all = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            if (i == 40) {
                fleet.inject(new Fault.TrafficSurge("api-gateway", 3));
            }
            if (i == 60) {
                fleet.apply(action(HealingAction.SCALE_OUT, "api-gateway"));
            }
            if (i == 100) {
                fleet.inject(new Fault.MemoryLeak("checkout", 0.02));
            }
            all.addAll(fleet.tick(STEP));
        }
        return all;
    }

    @Test
    void theSameSeedGivesIdenticalEventStreams() {
        assertThat(scriptedRun(42)).isEqualTo(scriptedRun(42));
    }

    @Test
    void differentSeedsGiveDifferentNoise() {
        assertThat(scriptedRun(1)).isNotEqualTo(scriptedRun(2));
    }

    @Test
    void aHealthyFleetStaysWithinNormalBandsForSixSimulatedHours() {
        Fleet fleet = standardFleet(7);
        int events = 0;
        for (long i = 0; i < Duration.ofHours(6).dividedBy(STEP); i++) {
            for (TelemetryEvent e : fleet.tick(STEP)) {
                events++;
                assertThat(e.errorRate())
                        .as("%s error rate at %s", e.service(), e.timestamp())
                        .isLessThan(0.02);
                assertThat(e.cpuUtil())
                        .as("%s cpu at %s", e.service(), e.timestamp())
                        .isLessThan(0.75);
                assertThat(e.memoryUtil())
                        .as("%s memory at %s", e.service(), e.timestamp())
                        .isLessThan(0.8);
                assertThat(e.latencyP99())
                        .as("%s p99 at %s", e.service(), e.timestamp())
                        .isLessThan(400);
            }
        }
        assertThat(events).isEqualTo(1440 * 5);
    }

    @Test
    void eachTickReturnsOneValidEventPerServiceStampedWithTheNewTime() {
        Fleet fleet = standardFleet(1);
        List<TelemetryEvent> events = fleet.tick(Duration.ofSeconds(30));

        assertThat(events).extracting(TelemetryEvent::service).containsExactlyElementsOf(fleet.services());
        assertThat(fleet.now()).isEqualTo(START.plusSeconds(30));
        for (TelemetryEvent e : events) {
            assertThat(e.timestamp()).isEqualTo(START.plusSeconds(30));
            assertThat(e.problems()).isEmpty();
            assertThat(e.latencyP50()).isLessThanOrEqualTo(e.latencyP95());
            assertThat(e.latencyP95()).isLessThanOrEqualTo(e.latencyP99());
        }
        TelemetryEvent payments = SimFixtures.byService(events).get("payments");
        assertThat(payments.labels()).isEqualTo(Map.of("env", "sim", "replicas", "8", "version", "v12"));
    }

    @Test
    void callersAreSlowerThanTheirDependenciesBecauseTheyWaitForThem() {
        Map<String, TelemetryEvent> last = SimFixtures.runFor(standardFleet(3), Duration.ofMinutes(5));

        assertThat(last.get("payments").latencyP50())
                .isGreaterThan(last.get("database").latencyP50());
        assertThat(last.get("checkout").latencyP50())
                .isGreaterThan(last.get("payments").latencyP50());
        assertThat(last.get("api-gateway").latencyP50())
                .isGreaterThan(last.get("checkout").latencyP50());
    }

    @Test
    void loadFollowsADailyCurve() {
        Fleet fleet = new Fleet(FleetCatalog.standard(), java.time.Instant.parse("2025-01-15T02:00:00Z"), 5);
        double night = SimFixtures.runFor(fleet, Duration.ofHours(1))
                .get("api-gateway")
                .throughput();
        double afternoon = SimFixtures.runFor(fleet, Duration.ofHours(12))
                .get("api-gateway")
                .throughput();

        assertThat(afternoon).isGreaterThan(night * 1.4);
    }

    @Test
    void refusesAFleetWithACycleOrAnUnknownDependency() {
        List<ServiceSpec> cycle = List.of(
                ServiceSpec.builder("a").dependsOn("b").build(),
                ServiceSpec.builder("b").dependsOn("a").build());
        List<ServiceSpec> unknown =
                List.of(ServiceSpec.builder("a").dependsOn("ghost").build());

        assertThatThrownBy(() -> new Fleet(cycle, START, 1)).hasMessageContaining("cycle");
        assertThatThrownBy(() -> new Fleet(unknown, START, 1)).hasMessageContaining("unknown service 'ghost'");
        assertThatThrownBy(() -> new Fleet(List.of(), START, 1)).hasMessageContaining("at least one service");
    }

    @Test
    void refusesAFaultOnAServiceItDoesNotRun() {
        Fleet fleet = standardFleet(1);

        assertThatThrownBy(() -> fleet.inject(new Fault.DependencyFailure("mainframe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mainframe");
        assertThat(fleet.activeFaults()).isEmpty();
    }

    @Test
    void tracksActiveFaultsAndClearsThem() {
        Fleet fleet = standardFleet(1);
        Fault leak = new Fault.MemoryLeak("checkout", 0.01);
        Fault surge = new Fault.TrafficSurge("api-gateway", 2);

        fleet.inject(leak);
        fleet.inject(surge);
        fleet.inject(leak);

        assertThat(fleet.activeFaults()).containsExactly(leak, surge);
        assertThat(fleet.clear(leak)).isTrue();
        assertThat(fleet.clear(leak)).isFalse();
        assertThat(fleet.activeFaults()).containsExactly(surge);
        fleet.clearAll();
        assertThat(fleet.activeFaults()).isEmpty();
    }

    @Test
    void timeOnlyMovesForward() {
        Fleet fleet = standardFleet(1);

        assertThatThrownBy(() -> fleet.tick(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fleet.tick(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anHourOfFiveServicesAtFifteenSecondStepsTakesWellUnderASecond() {
        SimFixtures.runFor(standardFleet(0), Duration.ofHours(1)); // warm up the JIT
        Fleet fleet = standardFleet(1);

        long started = System.nanoTime();
        SimFixtures.runFor(fleet, Duration.ofHours(1));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(millis).as("one simulated hour took %d ms", millis).isLessThan(1000);
    }
}
