package dev.arf.core.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.ApprovalRule;
import dev.arf.core.blueprint.BlueprintMetadata;
import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.PerformanceTargets;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.Resources;
import dev.arf.core.blueprint.Scaling;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Tier;
import dev.arf.core.blueprint.Verification;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.Actuator;
import dev.arf.core.policy.DefaultPolicies;
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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's only way to an actuator goes through the Guardian: whatever random telemetry and
 * clock jumps make the healing policies propose, every action that reaches the actuator is
 * autonomous in its service's blueprint and eligible in its environment.
 */
class NothingForbiddenExecutesTest {
    @Test
    void noRandomStreamGetsAForbiddenOrUnapprovedActionToTheActuator() {
        SplittableRandom random = new SplittableRandom(99);
        VirtualClock clock = new VirtualClock(Instant.parse("2026-11-27T09:00:00Z"));
        GovernanceRules rules = new GovernanceRules(
                Set.of("open_circuit_breaker", "shift_traffic"),
                List.of(new ApprovalRule("restart_pods", "always", List.of("dba-team"))),
                Set.of("rollback_deployment", "scale_within_limits", "scale_beyond_limits"));
        Map<String, ServiceBlueprint> blueprints = Map.of(
                "db", blueprint("db", Environment.DEV, rules),
                "api", blueprint("api", Environment.STAGE, rules));
        List<Action> executed = new ArrayList<>();
        Actuator recorder = new Actuator() {
            @Override
            public boolean handles(Action action) {
                return true;
            }

            @Override
            public ActionOutcome execute(dev.arf.core.governance.Permit permit) {
                Action action = permit.redeem();
                executed.add(action);
                return new ActionOutcome(action, ActionOutcome.Status.SUCCEEDED, "ok", clock.instant());
            }
        };
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .policies(DefaultPolicies.all())
                .actuator(recorder)
                .gate(Guardian.builder(clock, new BlueprintCatalog(blueprints, Optional.empty()))
                        .settings(GovernanceSettings.defaults())
                        .killSwitch(KillSwitch.NEVER)
                        .build())
                .build();
        String[] services = {"db", "api", "orphan"};
        for (int i = 0; i < 20_000; i++) {
            boolean bad = random.nextInt(6) == 0;
            engine.process(TelemetryEvent.builder(services[random.nextInt(services.length)], clock.instant())
                    .latencyP99(bad ? 300 + random.nextDouble(3000) : 100 + random.nextDouble(20))
                    .errorRate(bad ? random.nextDouble() : random.nextDouble(0.003))
                    .throughput(bad && random.nextBoolean() ? 4000 : 1000 + random.nextDouble(50))
                    .cpuUtil(bad ? random.nextDouble() : 0.4 + random.nextDouble(0.05))
                    .memoryUtil(bad ? random.nextDouble() : 0.5)
                    .build());
            clock.advance(Duration.ofSeconds(random.nextInt(10) == 0 ? random.nextInt(900) : 5));
        }
        List<Action> changes = executed.stream().filter(a -> a.type().mutates()).toList();
        assertThat(changes).allSatisfy(action -> {
            ServiceBlueprint blueprint = blueprints.get(action.target());
            assertThat(blueprint)
                    .as("no blueprint, no action: %s", action.target())
                    .isNotNull();
            assertThat(rules.tierOf(Operations.blueprintOperation(
                            action, blueprint.scaling().maxReplicas())))
                    .isEqualTo(Tier.AUTONOMOUS);
            assertThat(GovernanceSettings.defaults().eligible().get(blueprint.environment()))
                    .contains(Operations.eligibilityName(action.type()));
        });
        assertThat(changes).as("the governed engine still acts where it may").isNotEmpty();
    }

    private static ServiceBlueprint blueprint(String name, Environment environment, GovernanceRules rules) {
        return new ServiceBlueprint(
                new BlueprintMetadata(name, "1", Priority.HIGH, Criticality.CRITICAL),
                environment,
                new Scaling(2, 10, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                Resources.unspecified(),
                PerformanceTargets.none(),
                rules,
                Verification.disabled());
    }
}
