package dev.arf.core.sim;

import static dev.arf.core.sim.SimFixtures.STEP;
import static dev.arf.core.sim.SimFixtures.action;
import static dev.arf.core.sim.SimFixtures.runFor;
import static dev.arf.core.sim.SimFixtures.standardFleet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.ActionOutcome.Status;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealingActionsTest {
    private static final Duration WARM_UP = Duration.ofMinutes(10);
    private static final Duration SETTLE = Duration.ofMinutes(5);

    private static Fleet withFault(long seed, Fault fault) {
        Fleet fleet = standardFleet(seed);
        runFor(fleet, WARM_UP);
        fleet.inject(fault);
        runFor(fleet, SETTLE);
        return fleet;
    }

    @Test
    void scaleOutRelievesASurgeOnceTheNewReplicasAreReady() {
        Fleet fleet = withFault(21, new Fault.TrafficSurge("api-gateway", 4.5));

        ActionOutcome outcome = fleet.apply(action(HealingAction.SCALE_OUT, "api-gateway", Map.of("replicas", "16")));
        TelemetryEvent justAfter = fleet.tick(STEP).get(0);

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(outcome.detail()).contains("from 6 to 16");
        assertThat(fleet.desiredReplicas("api-gateway")).isEqualTo(16);
        assertThat(justAfter.labels()).containsEntry("replicas", "6");
        assertThat(justAfter.errorRate()).as("new replicas are not ready yet").isGreaterThan(0.3);

        TelemetryEvent later = runFor(fleet, Duration.ofMinutes(1)).get("api-gateway");
        assertThat(fleet.readyReplicas("api-gateway")).isEqualTo(16);
        assertThat(later.labels()).containsEntry("replicas", "16");
        assertThat(later.errorRate()).isLessThan(0.02);
        assertThat(later.cpuUtil()).isLessThan(0.85);
    }

    @Test
    void scaleOutDefaultsToHalfAgainAndIsCappedAtTheMaximum() {
        Fleet fleet = standardFleet(22);

        assertThat(fleet.apply(action(HealingAction.SCALE_OUT, "payments")).status())
                .isEqualTo(Status.SUCCEEDED);
        assertThat(fleet.desiredReplicas("payments")).isEqualTo(12);

        ActionOutcome capped = fleet.apply(action(HealingAction.SCALE_OUT, "payments", Map.of("replicas", "100")));
        assertThat(capped.detail()).contains("capped at the maximum");
        assertThat(fleet.desiredReplicas("payments")).isEqualTo(24);

        assertThat(fleet.apply(action(HealingAction.SCALE_OUT, "payments")).status())
                .isEqualTo(Status.SKIPPED);
    }

    @Test
    void scaleInRemovesReplicasAtOnceButNeverBelowTheMinimum() {
        Fleet fleet = standardFleet(23);

        ActionOutcome outcome = fleet.apply(action(HealingAction.SCALE_IN, "checkout", Map.of("replicas", "1")));

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(fleet.readyReplicas("checkout")).isEqualTo(3);
        assertThat(fleet.apply(action(HealingAction.SCALE_IN, "checkout")).status())
                .isEqualTo(Status.SKIPPED);
    }

    @Test
    void restartFreesLeakedMemoryAfterTwentySecondsButTheLeakGoesOn() {
        Fleet fleet = withFault(24, new Fault.MemoryLeak("checkout", 0.02));
        runFor(fleet, Duration.ofMinutes(10));
        double leaking = runFor(fleet, STEP).get("checkout").memoryUtil();
        double normalErrors = runFor(fleet, STEP).get("checkout").errorRate();

        ActionOutcome outcome = fleet.apply(action(HealingAction.RESTART_CONTAINER, "checkout"));
        TelemetryEvent during = runFor(fleet, STEP).get("checkout");
        TelemetryEvent after = runFor(fleet, STEP).get("checkout");

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(outcome.detail()).contains("the leak itself continues");
        assertThat(leaking).isGreaterThan(0.7);
        assertThat(during.memoryUtil()).as("still restarting").isGreaterThan(0.7);
        assertThat(during.errorRate()).as("a brief blip").isGreaterThan(normalErrors + 0.01);
        assertThat(after.memoryUtil()).isLessThan(0.6);
        assertThat(fleet.activeFaults()).contains(new Fault.MemoryLeak("checkout", 0.02));
        assertThat(runFor(fleet, Duration.ofMinutes(10)).get("checkout").memoryUtil())
                .isGreaterThan(after.memoryUtil() + 0.15);
    }

    @Test
    void restartEndsARunawayCpu() {
        Fleet fleet = withFault(25, new Fault.CpuSaturation("api-gateway", 0.5));

        fleet.apply(action(HealingAction.RESTART_CONTAINER, "api-gateway"));
        TelemetryEvent after = runFor(fleet, Duration.ofMinutes(1)).get("api-gateway");

        assertThat(fleet.activeFaults()).isEmpty();
        assertThat(after.cpuUtil()).isLessThan(0.75);
    }

    @Test
    void restartRevivesAWedgedDatabase() {
        Fleet fleet = withFault(28, new Fault.DependencyFailure("database"));
        runFor(fleet, Duration.ofMinutes(3));

        fleet.apply(action(HealingAction.RESTART_CONTAINER, "database"));
        TelemetryEvent after = runFor(fleet, Duration.ofMinutes(2)).get("database");

        assertThat(fleet.activeFaults()).isEmpty();
        assertThat(after.errorRate()).isLessThan(0.02);
    }

    @Test
    void aSecondRestartWhileOneRunsIsSkipped() {
        Fleet fleet = standardFleet(26);

        fleet.apply(action(HealingAction.RESTART_CONTAINER, "cache"));

        assertThat(fleet.apply(action(HealingAction.RESTART_CONTAINER, "cache")).status())
                .isEqualTo(Status.SKIPPED);
    }

    @Test
    void rollbackRemovesABadDeployAndReturnsToThePreviousVersion() {
        Fleet fleet = withFault(27, new Fault.BadDeploy("payments", "v13", 0.25, 1.6));

        ActionOutcome outcome = fleet.apply(action(HealingAction.ROLLBACK, "payments"));
        String versionDuring = fleet.version("payments");
        Map<String, TelemetryEvent> after = runFor(fleet, Duration.ofMinutes(1));

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(outcome.detail()).contains("from v13 to v12");
        assertThat(versionDuring).as("a rollback takes time").isEqualTo("v13");
        assertThat(fleet.activeFaults()).isEmpty();
        assertThat(after.get("payments").labels()).containsEntry("version", "v12");
        assertThat(after.get("payments").errorRate()).isLessThan(0.02);
        assertThat(after.get("api-gateway").errorRate()).isLessThan(0.02);
    }

    @Test
    void rollbackAlsoRemovesALeakTheDeployBroughtIn() {
        Fleet fleet = standardFleet(28);
        fleet.inject(new Fault.BadDeploy("checkout", "v28", 0.05, 1.2));
        fleet.inject(new Fault.MemoryLeak("checkout", 0.01));

        fleet.apply(action(HealingAction.ROLLBACK, "checkout"));
        runFor(fleet, Duration.ofMinutes(1));

        assertThat(fleet.activeFaults()).isEmpty();
    }

    @Test
    void rollbackWithNothingDeployedIsSkipped() {
        ActionOutcome outcome = standardFleet(29).apply(action(HealingAction.ROLLBACK, "payments"));

        assertThat(outcome.status()).isEqualTo(Status.SKIPPED);
        assertThat(outcome.detail()).contains("runs v12");
    }

    @Test
    void aCircuitBreakerOnTheCallerRestoresItsLatencyWithASmallDegradedErrorRate() {
        Fleet fleet = withFault(30, new Fault.DependencyFailure("database"));
        Map<String, TelemetryEvent> failing = runFor(fleet, STEP);

        ActionOutcome outcome = fleet.apply(action(HealingAction.CIRCUIT_BREAKER, "payments"));
        Map<String, TelemetryEvent> after = runFor(fleet, STEP);

        assertThat(outcome.detail()).contains("payments -> database");
        assertThat(fleet.openBreakers("payments")).containsExactly("database");
        assertThat(failing.get("payments").latencyP99()).isGreaterThan(500);
        assertThat(after.get("payments").latencyP99()).isLessThan(250);
        assertThat(after.get("payments").errorRate()).isBetween(0.02, 0.06);
        assertThat(after.get("checkout").latencyP99()).isLessThan(400);
        assertThat(after.get("database").throughput())
                .as("only probes reach it")
                .isLessThan(20);
    }

    @Test
    void aCircuitBreakerOnTheFailingServiceOpensBreakersInAllItsCallers() {
        Fleet fleet = withFault(31, new Fault.DependencyFailure("database"));

        ActionOutcome outcome = fleet.apply(action(HealingAction.CIRCUIT_BREAKER, "database"));
        Map<String, TelemetryEvent> after = runFor(fleet, STEP);

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(fleet.openBreakers("payments")).containsExactly("database");
        assertThat(after.get("payments").latencyP99()).isLessThan(250);
    }

    @Test
    void aBreakerClosesByItselfOnceTheDependencyIsHealthy() {
        Fault failure = new Fault.DependencyFailure("database");
        Fleet fleet = withFault(32, failure);
        fleet.apply(action(HealingAction.CIRCUIT_BREAKER, "payments"));
        runFor(fleet, Duration.ofMinutes(1));

        fleet.clear(failure);
        Map<String, TelemetryEvent> after = runFor(fleet, Duration.ofMinutes(1));

        assertThat(fleet.openBreakers("payments")).isEmpty();
        assertThat(after.get("payments").errorRate()).isLessThan(0.02);
        assertThat(after.get("database").throughput()).isGreaterThan(300);
    }

    @Test
    void aCircuitBreakerWithNothingFailingIsSkipped() {
        Fleet fleet = standardFleet(33);
        runFor(fleet, Duration.ofMinutes(1));

        assertThat(fleet.apply(action(HealingAction.CIRCUIT_BREAKER, "checkout"))
                        .status())
                .isEqualTo(Status.SKIPPED);
    }

    @Test
    void aTrafficShiftToTheStandbyRelievesAPartition() {
        Fleet fleet = withFault(34, new Fault.NetworkPartition("cache"));
        double partitioned = runFor(fleet, STEP).get("checkout").errorRate();

        ActionOutcome outcome = fleet.apply(action(HealingAction.TRAFFIC_SHIFT, "cache", Map.of("share", "0.9")));
        Map<String, TelemetryEvent> after = runFor(fleet, Duration.ofSeconds(30));

        assertThat(outcome.detail()).contains("90%");
        assertThat(partitioned).isGreaterThan(0.95);
        assertThat(after.get("checkout").errorRate()).isLessThan(0.15);
        assertThat(after.get("checkout").latencyP50()).isLessThan(300);
    }

    @Test
    void aTrafficShiftRelievesASurge() {
        Fleet fleet = withFault(35, new Fault.TrafficSurge("api-gateway", 4.5));

        fleet.apply(action(HealingAction.TRAFFIC_SHIFT, "api-gateway"));
        TelemetryEvent after = runFor(fleet, Duration.ofSeconds(30)).get("api-gateway");

        assertThat(fleet.trafficShift("api-gateway")).isEqualTo(0.5);
        assertThat(after.errorRate()).isLessThan(0.1);
    }

    @Test
    void alertingAndNoActionSucceedWithoutChangingAnything() {
        Fleet changed = standardFleet(36);
        Fleet untouched = standardFleet(36);
        runFor(changed, Duration.ofMinutes(1));
        runFor(untouched, Duration.ofMinutes(1));

        assertThat(changed.apply(action(HealingAction.ALERT_TEAM, "checkout")).status())
                .isEqualTo(Status.SUCCEEDED);
        assertThat(changed.apply(action(HealingAction.NO_ACTION, "checkout")).status())
                .isEqualTo(Status.SUCCEEDED);
        assertThat(runFor(changed, Duration.ofMinutes(5))).isEqualTo(runFor(untouched, Duration.ofMinutes(5)));
    }

    @Test
    void anActionOnAnUnknownServiceOrWithAMalformedParameterFailsWithTheReason() {
        Fleet fleet = standardFleet(37);

        ActionOutcome unknown = fleet.apply(action(HealingAction.RESTART_CONTAINER, "mainframe"));
        ActionOutcome malformed = fleet.apply(action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "lots")));
        ActionOutcome badShare = fleet.apply(action(HealingAction.TRAFFIC_SHIFT, "checkout", Map.of("share", "2")));

        assertThat(unknown.status()).isEqualTo(Status.FAILED);
        assertThat(unknown.detail()).contains("unknown service 'mainframe'");
        assertThat(malformed.status()).isEqualTo(Status.FAILED);
        assertThat(malformed.detail()).contains("replicas");
        assertThat(badShare.status()).isEqualTo(Status.FAILED);
        assertThat(fleet.desiredReplicas("checkout")).isEqualTo(10);
    }

    @Test
    void outcomesAreStampedWithVirtualTime() {
        Fleet fleet = standardFleet(38);
        runFor(fleet, Duration.ofMinutes(3));

        assertThat(fleet.apply(action(HealingAction.NO_ACTION, "cache")).at())
                .isEqualTo(SimFixtures.START.plus(Duration.ofMinutes(3)));
    }
}
