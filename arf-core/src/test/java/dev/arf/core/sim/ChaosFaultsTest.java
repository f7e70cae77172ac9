package dev.arf.core.sim;

import static dev.arf.core.sim.SimFixtures.runFor;
import static dev.arf.core.sim.SimFixtures.standardFleet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.execute.Action;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The faults chaos experiments inject, and the zones and instances they aim at. */
class ChaosFaultsTest {
    private static final Duration WARM_UP = Duration.ofMinutes(10);
    private static final Duration SETTLE = Duration.ofMinutes(3);

    @Test
    void placesReplicasRoundRobinOverThreeZones() {
        Fleet fleet = standardFleet(1);

        List<Fleet.Instance> gateway = fleet.instances("api-gateway");

        assertThat(gateway).hasSize(6).allMatch(Fleet.Instance::serving);
        assertThat(gateway)
                .extracting(Fleet.Instance::zone)
                .containsExactly("zone-a", "zone-b", "zone-c", "zone-a", "zone-b", "zone-c");
        assertThat(gateway.get(4).id()).isEqualTo("api-gateway-4");
    }

    @Test
    void injectedLatencyOnASmallShareMovesTheTailNotTheMedian() {
        Fleet fleet = standardFleet(2);
        Map<String, TelemetryEvent> before = runFor(fleet, WARM_UP);
        fleet.inject(new Fault.LatencyInjection("payments", 400, 0.1));
        TelemetryEvent after = runFor(fleet, SETTLE).get("payments");

        assertThat(after.latencyP99()).isGreaterThan(before.get("payments").latencyP99() + 350);
        assertThat(after.latencyP50()).isLessThan(before.get("payments").latencyP50() + 100);
    }

    @Test
    void injectedErrorsScaleWithTheShareOfInstancesAndReachTheCallers() {
        Fleet fleet = standardFleet(3);
        runFor(fleet, WARM_UP);
        fleet.inject(new Fault.ErrorInjection("payments", 0.5, 0.5));
        Map<String, TelemetryEvent> after = runFor(fleet, SETTLE);

        assertThat(after.get("payments").errorRate()).isBetween(0.2, 0.3);
        assertThat(after.get("checkout").errorRate()).isGreaterThan(0.15);
    }

    @Test
    void killedInstancesStopServingUntilTheFaultIsCleared() {
        Fleet fleet = standardFleet(4);
        runFor(fleet, WARM_UP);
        Fault kill = new Fault.InstanceKill(
                "api-gateway", List.of("api-gateway-0", "api-gateway-1", "api-gateway-2", "api-gateway-3"));
        fleet.inject(kill);
        TelemetryEvent down = runFor(fleet, SETTLE).get("api-gateway");

        assertThat(down.labels()).containsEntry("replicas", "2");
        assertThat(down.errorRate())
                .as("two replicas shed what they cannot serve")
                .isGreaterThan(0.1);
        assertThat(fleet.instances("api-gateway")).filteredOn(i -> !i.serving()).hasSize(4);

        fleet.clear(kill);
        TelemetryEvent back = runFor(fleet, SETTLE).get("api-gateway");
        assertThat(back.labels()).containsEntry("replicas", "6");
        assertThat(back.errorRate()).isLessThan(0.02);
    }

    @Test
    void aMemoryHogPressesMemoryAndARestartEndsEveryPodBoundFault() {
        Fleet fleet = standardFleet(5);
        runFor(fleet, WARM_UP);
        fleet.inject(new Fault.MemoryPressure("checkout", 0.45));
        fleet.inject(new Fault.LatencyInjection("checkout", 300, 1));
        fleet.inject(new Fault.ErrorInjection("checkout", 0.2, 1));
        assertThat(runFor(fleet, SETTLE).get("checkout").memoryUtil()).isGreaterThan(0.9);

        fleet.apply(new Action(
                "restart-1",
                HealingAction.RESTART_CONTAINER,
                "checkout",
                Map.of(),
                "test",
                "test",
                Instant.EPOCH,
                Action.CERTAIN));
        TelemetryEvent after = runFor(fleet, SETTLE).get("checkout");

        assertThat(fleet.activeFaults()).isEmpty();
        assertThat(after.memoryUtil()).isLessThan(0.8);
        assertThat(after.errorRate()).isLessThan(0.02);
    }
}
