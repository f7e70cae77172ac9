package dev.arf.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.audit.AuditRecord;
import dev.arf.core.audit.InMemoryAuditLog;
import dev.arf.core.blueprint.BlueprintMetadata;
import dev.arf.core.blueprint.Comparison;
import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.PerformanceTargets;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.Quantity;
import dev.arf.core.blueprint.Resources;
import dev.arf.core.blueprint.Rollback;
import dev.arf.core.blueprint.Scaling;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Verification;
import dev.arf.core.blueprint.VerificationCheck;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.Actuator;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.Permit;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seed 002 use case 4: an action that makes things worse is found out and undone on the engine's clock. */
class VerificationAndRollbackTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private final VirtualClock clock = new VirtualClock(T0);

    /** A deployment whose p95 latency depends on its replicas: 125 ms at 3, 280 ms at 2. */
    private final class Deployment implements Actuator {
        int replicas = 3;
        final List<Action> executed = new ArrayList<>();

        @Override
        public boolean handles(Action action) {
            return action.target().equals("checkout");
        }

        @Override
        public ActionOutcome execute(Permit permit) {
            Action action = permit.redeem();
            executed.add(action);
            replicas = Integer.parseInt(action.parameters().get("replicas"));
            return new ActionOutcome(action, ActionOutcome.Status.SUCCEEDED, "now " + replicas, clock.instant());
        }

        @Override
        public Optional<TargetSnapshot> snapshot(String target) {
            return Optional.of(new TargetSnapshot(
                    target, Map.of(TargetSnapshot.REPLICAS, Integer.toString(replicas)), clock.instant()));
        }

        TelemetryEvent observe() {
            return TelemetryEvent.builder("checkout", clock.instant())
                    .latencyP50(40)
                    .latencyP95(replicas >= 3 ? 125 : 280)
                    .latencyP99(replicas >= 3 ? 160 : 330)
                    .errorRate(0.002)
                    .throughput(900)
                    .cpuUtil(0.3)
                    .memoryUtil(0.4)
                    .build();
        }
    }

    private static ServiceBlueprint checkout(boolean rollback) {
        return new ServiceBlueprint(
                new BlueprintMetadata("checkout", "1.0.0", Priority.HIGH, Criticality.CRITICAL),
                Environment.STAGE,
                new Scaling(2, 10, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                Resources.unspecified(),
                PerformanceTargets.none(),
                new GovernanceRules(Set.of("scale_within_limits", "restart_pods"), List.of(), Set.of()),
                new Verification(
                        true,
                        Duration.ofSeconds(60),
                        List.of(
                                new VerificationCheck(
                                        "latency_p95",
                                        Comparison.LT,
                                        new Quantity.Time(Duration.ofMillis(200)),
                                        true,
                                        true),
                                new VerificationCheck(
                                        "error_rate", Comparison.LT, new Quantity.Percentage(0.01), true, true)),
                        rollback ? new Rollback(true, true, true) : Rollback.disabled()));
    }

    private record Setup(ReliabilityEngine engine, Deployment deployment, InMemoryAuditLog audit) {}

    private Setup setup(boolean rollback) {
        BlueprintCatalog catalog = BlueprintCatalog.of(List.of(checkout(rollback)));
        Deployment deployment = new Deployment();
        InMemoryAuditLog audit = new InMemoryAuditLog();
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .policies(List.of())
                .actuator(deployment)
                .audit(audit)
                .blueprints(catalog)
                .gate(Guardian.builder(clock, catalog).build())
                .build();
        return new Setup(engine, deployment, audit);
    }

    private Action scaleIn(int to) {
        return new Action(
                "decision|checkout|scale_in|" + clock.millis(),
                HealingAction.SCALE_IN,
                "checkout",
                Map.of("replicas", Integer.toString(to)),
                "decision-engine",
                "utilisation 0.31 below 0.40",
                clock.instant(),
                0.9);
    }

    private List<String> events(InMemoryAuditLog audit) {
        return audit.read(1, (int) audit.size()).stream()
                .map(AuditRecord::entry)
                .map(e -> e.event())
                .toList();
    }

    @Test
    void aScaleDownThatBreaksLatencyIsRolledBackWithinTheStabilisationPeriodPlusOneEvaluation() {
        Setup s = setup(true);
        assertThat(s.engine().propose(scaleIn(2)).applied()).isTrue();
        assertThat(s.deployment().replicas).isEqualTo(2);

        Instant rolledBackAt = null;
        for (int second = 0; second <= 120 && rolledBackAt == null; second += 10) {
            s.engine().process(s.deployment().observe());
            if (s.deployment().replicas == 3) {
                rolledBackAt = clock.instant();
            }
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(rolledBackAt).as("rolled back to 3 replicas").isNotNull();
        assertThat(Duration.between(T0, rolledBackAt)).isLessThanOrEqualTo(Duration.ofSeconds(60 + 10));
        Action revert = s.deployment().executed.get(1);
        assertThat(revert.type()).isEqualTo(HealingAction.SCALE_OUT);
        assertThat(revert.parameters()).containsEntry("replicas", "3");
        assertThat(events(s.audit()))
                .containsSubsequence(
                        "ORCH_INTENT",
                        "ORCH_EXEC",
                        "VERIFICATION_FAILED",
                        "ROLLBACK_TRIGGERED",
                        "ORCH_INTENT",
                        "ORCH_EXEC");
        assertThat(s.audit().read(1, (int) s.audit().size()).stream()
                        .map(AuditRecord::entry)
                        .filter(e -> e.event().equals("VERIFICATION_FAILED"))
                        .findFirst()
                        .orElseThrow()
                        .details()
                        .get("checks"))
                .contains("latency_p95 280ms (< 200ms) FAILED")
                .contains("error_rate 0.20% (< 1%) ok");

        // The rollback itself is verified: latency is back to 125 ms.
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofSeconds(10));
            s.engine().process(s.deployment().observe());
        }
        assertThat(events(s.audit())).endsWith("VERIFICATION_PASSED");
        assertThat(s.engine().pendingVerifications()).isEmpty();
    }

    @Test
    void withRollbackDisabledAFailedVerificationIsReportedAndNothingIsUndone() {
        Setup s = setup(false);
        s.engine().propose(scaleIn(2));
        for (int i = 0; i <= 7; i++) {
            s.engine().process(s.deployment().observe());
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(s.deployment().replicas).isEqualTo(2);
        assertThat(s.deployment().executed).hasSize(1);
        assertThat(events(s.audit())).contains("VERIFICATION_FAILED").doesNotContain("ROLLBACK_TRIGGERED");
    }

    @Test
    void aHealthyActionIsVerifiedAndReleasesItsTarget() {
        Setup s = setup(true);
        s.engine().propose(scaleIn(3));
        assertThat(s.engine().propose(scaleIn(2)).detail()).startsWith("TARGET_LOCKED");
        for (int i = 0; i <= 7; i++) {
            s.engine().process(s.deployment().observe());
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(events(s.audit())).contains("VERIFICATION_PASSED").doesNotContain("VERIFICATION_FAILED");
        clock.advance(Duration.ofMinutes(3));
        assertThat(s.engine().propose(scaleIn(2)).detail()).doesNotStartWith("TARGET_LOCKED");
    }
}
