package dev.arf.core.sim;

import static dev.arf.core.sim.SimFixtures.STEP;
import static dev.arf.core.sim.SimFixtures.runFor;
import static dev.arf.core.sim.SimFixtures.standardFleet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultEffectsTest {
    private static final Duration WARM_UP = Duration.ofMinutes(10);
    private static final Duration SETTLE = Duration.ofMinutes(5);

    @Test
    void aFailingDatabaseCascadesLatencyAndErrorsUpTheCallChain() {
        Fleet fleet = standardFleet(11);
        Map<String, TelemetryEvent> before = runFor(fleet, WARM_UP);
        fleet.inject(new Fault.DependencyFailure("database"));
        Map<String, TelemetryEvent> after = runFor(fleet, SETTLE);

        TelemetryEvent database = after.get("database");
        assertThat(database.latencyP99()).isCloseTo(850, within(60.0));
        assertThat(database.errorRate()).isCloseTo(0.35, within(0.03));
        assertThat(database.memoryUtil()).isCloseTo(0.98, within(0.02));
        for (String caller : new String[] {"payments", "checkout", "api-gateway"}) {
            assertThat(after.get(caller).errorRate()).as(caller).isGreaterThan(0.2);
            assertThat(after.get(caller).latencyP99())
                    .as(caller)
                    .isGreaterThan(before.get(caller).latencyP99() + 250);
        }
        assertThat(after.get("cache").errorRate()).isLessThan(0.02);
    }

    @Test
    void aFailureRampsInRatherThanJumping() {
        Fleet fleet = standardFleet(11);
        runFor(fleet, WARM_UP);
        fleet.inject(new Fault.DependencyFailure("database"));

        double early = runFor(fleet, STEP).get("database").errorRate();
        double later = runFor(fleet, Duration.ofMinutes(2)).get("database").errorRate();

        assertThat(early).isBetween(0.02, 0.1);
        assertThat(later).isGreaterThan(0.3);
    }

    @Test
    void aTrafficSurgeOverloadsTheEntryServiceAndFlowsDownstream() {
        Fleet fleet = standardFleet(12);
        Map<String, TelemetryEvent> before = runFor(fleet, WARM_UP);
        fleet.inject(new Fault.TrafficSurge("api-gateway", 4.5));
        Map<String, TelemetryEvent> after = runFor(fleet, SETTLE);

        TelemetryEvent gateway = after.get("api-gateway");
        assertThat(gateway.cpuUtil()).isGreaterThan(0.85);
        assertThat(gateway.errorRate()).as("requests shed beyond capacity").isGreaterThan(0.3);
        assertThat(gateway.latencyP99())
                .isGreaterThan(2 * before.get("api-gateway").latencyP99());
        for (String downstream : new String[] {"checkout", "payments", "database", "cache"}) {
            assertThat(after.get(downstream).throughput())
                    .as(downstream)
                    .isGreaterThan(1.8 * before.get(downstream).throughput());
        }
    }

    @Test
    void aMemoryLeakClimbsUntilTheContainerIsOomKilledAndThenStartsOver() {
        Fleet fleet = standardFleet(13);
        double start = runFor(fleet, WARM_UP).get("checkout").memoryUtil();
        fleet.inject(new Fault.MemoryLeak("checkout", 0.02));

        double previous = start;
        double peak = start;
        boolean oomKilled = false;
        for (int i = 0; i < 160 && !oomKilled; i++) {
            TelemetryEvent checkout = SimFixtures.byService(fleet.tick(STEP)).get("checkout");
            if (checkout.memoryUtil() < previous - 0.2) {
                oomKilled = true;
                assertThat(checkout.errorRate())
                        .as("requests fail while it restarts")
                        .isGreaterThan(0.2);
            }
            peak = Math.max(peak, checkout.memoryUtil());
            previous = checkout.memoryUtil();
        }

        assertThat(peak).isGreaterThan(0.95);
        assertThat(oomKilled).as("OOM-killed after memory reached %s", peak).isTrue();
        assertThat(runFor(fleet, Duration.ofMinutes(10)).get("checkout").memoryUtil())
                .as("the leak goes on after the restart")
                .isGreaterThan(previous + 0.1);
    }

    @Test
    void aMemoryNearItsLimitSlowsTheServiceDown() {
        Fleet fleet = standardFleet(13);
        double normal = runFor(fleet, WARM_UP).get("checkout").latencyP50();
        fleet.inject(new Fault.MemoryLeak("checkout", 0.02));
        Map<String, TelemetryEvent> late = runFor(fleet, Duration.ofMinutes(24));

        assertThat(late.get("checkout").memoryUtil()).isGreaterThan(0.9);
        assertThat(late.get("checkout").latencyP50()).isGreaterThan(normal * 1.3);
    }

    @Test
    void cpuSaturationRaisesCpuAndLatencyAtTheService() {
        Fleet fleet = standardFleet(14);
        Map<String, TelemetryEvent> before = runFor(fleet, WARM_UP);
        fleet.inject(new Fault.CpuSaturation("api-gateway", 0.5));
        Map<String, TelemetryEvent> after = runFor(fleet, SETTLE);

        assertThat(after.get("api-gateway").cpuUtil()).isGreaterThan(0.9);
        assertThat(after.get("api-gateway").latencyP99())
                .isGreaterThan(1.5 * before.get("api-gateway").latencyP99());
        assertThat(after.get("checkout").cpuUtil()).isLessThan(0.75);
    }

    @Test
    void aBadDeployChangesTheVersionAndItsErrorsReachTheCallers() {
        Fleet fleet = standardFleet(15);
        Map<String, TelemetryEvent> before = runFor(fleet, WARM_UP);
        fleet.inject(new Fault.BadDeploy("payments", "v13", 0.25, 1.6));
        Map<String, TelemetryEvent> after = runFor(fleet, Duration.ofMinutes(1));

        assertThat(fleet.version("payments")).isEqualTo("v13");
        assertThat(after.get("payments").labels()).containsEntry("version", "v13");
        assertThat(after.get("payments").errorRate()).isCloseTo(0.25, within(0.03));
        assertThat(after.get("payments").latencyP50())
                .isGreaterThan(1.3 * before.get("payments").latencyP50());
        assertThat(after.get("checkout").errorRate()).isGreaterThan(0.18);
        assertThat(after.get("api-gateway").errorRate()).isGreaterThan(0.15);
        assertThat(after.get("database").errorRate()).isLessThan(0.02);
    }

    @Test
    void aPartitionedServiceSitsIdleWhileItsCallersTimeOut() {
        Fleet fleet = standardFleet(16);
        runFor(fleet, WARM_UP);
        fleet.inject(new Fault.NetworkPartition("cache"));
        Map<String, TelemetryEvent> after = runFor(fleet, Duration.ofMinutes(1));

        assertThat(after.get("checkout").errorRate()).isGreaterThan(0.95);
        assertThat(after.get("checkout").latencyP50()).isGreaterThanOrEqualTo(1000);
        assertThat(after.get("api-gateway").errorRate()).isGreaterThan(0.8);
        assertThat(after.get("cache").throughput()).isLessThan(1);
        assertThat(after.get("cache").errorRate()).isLessThan(0.02);
        assertThat(after.get("payments").errorRate()).isLessThan(0.02);
    }

    @Test
    void theFleetRecoversOnceAFaultIsCleared() {
        Fleet fleet = standardFleet(17);
        runFor(fleet, WARM_UP);
        Fault failure = new Fault.DependencyFailure("database");
        fleet.inject(failure);
        runFor(fleet, SETTLE);
        fleet.clear(failure);
        Map<String, TelemetryEvent> after = runFor(fleet, Duration.ofMinutes(1));

        after.values().forEach(e -> {
            assertThat(e.errorRate()).as(e.service()).isLessThan(0.02);
            assertThat(e.latencyP99()).as(e.service()).isLessThan(400);
        });
    }
}
