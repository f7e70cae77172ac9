package dev.arf.core.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.BlueprintMetadata;
import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.PerformanceTargets;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.Resources;
import dev.arf.core.blueprint.Scaling;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    static ServiceBlueprint blueprint(String name, Priority priority, int min, int max) {
        return new ServiceBlueprint(
                new BlueprintMetadata(name, "1.0.0", priority, Criticality.STANDARD),
                Environment.DEV,
                new Scaling(min, max, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                Resources.unspecified(),
                new PerformanceTargets(
                        Optional.empty(),
                        Optional.of(Duration.ofMillis(200)),
                        Optional.empty(),
                        OptionalDouble.empty()),
                new GovernanceRules(Set.of("scale_within_limits"), List.of(), Set.of()),
                Verification.disabled());
    }

    private final DecisionEngine engine = new DecisionEngine(DecisionSettings.defaults());
    private final ServiceBlueprint frontend = blueprint("frontend", Priority.HIGH, 2, 10);

    private ServiceLoad load(int replicas, double cpu, double memory, double p95, Instant at) {
        return new ServiceLoad("frontend", replicas, cpu, memory, p95, at);
    }

    @Test
    void highCpuScalesUpByTheHpaRuleAndSaysWhy() {
        ScalingDecision d = engine.decide(frontend, load(2, 0.95, 0.8, 220, T0));
        assertThat(d.verdict()).isEqualTo(ScalingDecision.Verdict.SCALE_UP);
        // u = (0.5·0.95 + 0.3·0.8 + 0.2·(220/200·0.8)) / 1.0 = 0.891 → ceil(2 · 0.891 / 0.7) = 3
        assertThat(d.utilisation()).isCloseTo(0.891, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.to()).isEqualTo(3);
        assertThat(d.rationale())
                .contains("weighted utilisation 0.89")
                .contains("cpu 0.95×0.5")
                .contains("latency 220/200ms")
                .contains("2 → 3 replicas");
        assertThat(d.action(0.9).orElseThrow().parameters()).containsEntry("replicas", "3");
    }

    @Test
    void aScaleUpPastTheMaximumIsProposedAsItIsForTheGuardianToEscalate() {
        ServiceBlueprint small = blueprint("frontend", Priority.HIGH, 2, 5);
        ScalingDecision d = engine.decide(small, load(5, 0.9, Double.NaN, Double.NaN, T0));
        assertThat(d.to()).isEqualTo(7);
        assertThat(d.rationale()).contains("beyond max_replicas 5: needs approval");
    }

    @Test
    void aScaleDownWaitsForUtilisationToStayLowThroughTheStabilisationPeriod() {
        ScalingDecision first = engine.decide(frontend, load(3, 0.2, 0.2, 100, T0));
        assertThat(first.verdict()).isEqualTo(ScalingDecision.Verdict.HOLD);
        assertThat(first.rationale()).contains("hysteresis");
        assertThat(engine.decide(frontend, load(3, 0.2, 0.2, 100, T0.plusSeconds(299)))
                        .verdict())
                .isEqualTo(ScalingDecision.Verdict.HOLD);

        ScalingDecision down = engine.decide(frontend, load(3, 0.2, 0.2, 100, T0.plusSeconds(300)));
        assertThat(down.verdict()).isEqualTo(ScalingDecision.Verdict.SCALE_DOWN);
        assertThat(down.to()).isEqualTo(2);
    }

    @Test
    void aSpikeDuringTheStabilisationPeriodStartsItAgain() {
        engine.decide(frontend, load(3, 0.2, 0.2, 100, T0));
        engine.decide(frontend, load(3, 0.6, 0.5, 150, T0.plusSeconds(200)));
        assertThat(engine.decide(frontend, load(3, 0.2, 0.2, 100, T0.plusSeconds(400)))
                        .verdict())
                .isEqualTo(ScalingDecision.Verdict.HOLD);
    }

    @Test
    void neverBelowTheMinimum() {
        ScalingDecision d = engine.decide(frontend, load(2, 0.05, 0.05, 50, T0));
        assertThat(d.verdict()).isEqualTo(ScalingDecision.Verdict.HOLD);
        assertThat(d.rationale()).contains("no change at 2 replicas");
    }

    private static final long MI = 1024 * 1024;

    private static ServiceBlueprint withMemoryBounds(long min, long max) {
        ServiceBlueprint b = blueprint("frontend", Priority.HIGH, 2, 10);
        return new ServiceBlueprint(
                b.metadata(),
                b.environment(),
                b.scaling(),
                new dev.arf.core.blueprint.Resources(
                        dev.arf.core.blueprint.Bounds.none(),
                        new dev.arf.core.blueprint.Bounds<>(
                                Optional.of(min),
                                Optional.empty(),
                                Optional.of(max),
                                Optional.empty(),
                                Optional.empty())),
                b.performance(),
                b.governance(),
                b.verification());
    }

    @Test
    void memoryShortOnEveryReplicaRaisesTheRequestTowardsTheTargetWithinTheBlueprintsMaximum() {
        ResourceDecision d = engine.decideMemory(
                        withMemoryBounds(256 * MI, 2048 * MI), load(3, 0.3, 0.9, 120, T0), 512 * MI)
                .orElseThrow();
        // 512Mi × 0.9 / 0.7 = 658.3Mi → 659Mi
        assertThat(d.toBytes()).isEqualTo(659 * MI);
        assertThat(d.rationale()).contains("memory at 90% of its 512Mi request").contains("512Mi → 659Mi");
        assertThat(d.action(0.9).parameters()).containsEntry("memory", "659Mi");

        ResourceDecision capped = engine.decideMemory(
                        withMemoryBounds(256 * MI, 600 * MI), load(3, 0.3, 0.9, 120, T0), 512 * MI)
                .orElseThrow();
        assertThat(capped.toBytes()).isEqualTo(600 * MI);
        assertThat(capped.rationale()).contains("capped at the blueprint's max 600Mi");
        assertThat(engine.decideMemory(withMemoryBounds(256 * MI, 512 * MI), load(3, 0.3, 0.9, 120, T0), 512 * MI))
                .as("already at the maximum")
                .isEmpty();
    }

    @Test
    void memoryLowThroughTheStabilisationPeriodLowersTheRequestNeverBelowTheMinimum() {
        ServiceBlueprint b = withMemoryBounds(256 * MI, 2048 * MI);
        assertThat(engine.decideMemory(b, load(3, 0.3, 0.2, 120, T0), 512 * MI)).isEmpty();
        ResourceDecision d = engine.decideMemory(b, load(3, 0.3, 0.2, 120, T0.plusSeconds(300)), 512 * MI)
                .orElseThrow();
        assertThat(d.toBytes()).isEqualTo(256 * MI);
        assertThat(d.rationale()).contains("below 40% for 300s");
    }

    @Test
    void servicesCompetingForCapacityAreResolvedByPriorityAndTheConflictIsRecorded() {
        ScalingDecision high = new ScalingDecision("checkout", ScalingDecision.Verdict.SCALE_UP, 4, 6, 0.9, "busy", T0);
        ScalingDecision low =
                new ScalingDecision("reports", ScalingDecision.Verdict.SCALE_UP, 2, 4, 0.95, "busier", T0);
        ScalingDecision hold = new ScalingDecision("search", ScalingDecision.Verdict.HOLD, 3, 3, 0.5, "fine", T0);

        CapacityArbiter.Resolution r = CapacityArbiter.resolve(
                List.of(low, high, hold), 12, Map.of("checkout", Priority.HIGH, "reports", Priority.LOW));

        assertThat(r.decisions())
                .extracting(ScalingDecision::service, ScalingDecision::to)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("search", 3),
                        org.assertj.core.groups.Tuple.tuple("checkout", 6),
                        org.assertj.core.groups.Tuple.tuple("reports", 3));
        assertThat(r.conflicts()).hasSize(1);
        assertThat(r.conflicts().get(0).resolution())
                .contains("checkout (high) granted +2")
                .contains("reports (low) granted +1 of +2");
        assertThat(r.decisions().stream()
                        .filter(d -> d.service().equals("reports"))
                        .findFirst()
                        .orElseThrow()
                        .rationale())
                .contains("capacity 12 shared");
    }

    @Test
    void withRoomForEveryoneThereIsNoConflict() {
        ScalingDecision up = new ScalingDecision("checkout", ScalingDecision.Verdict.SCALE_UP, 4, 6, 0.9, "busy", T0);
        assertThat(CapacityArbiter.resolve(List.of(up), 6, Map.of()).conflicts())
                .isEmpty();
    }
}
