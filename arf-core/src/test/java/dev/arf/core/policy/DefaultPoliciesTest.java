package dev.arf.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.telemetry.Metric;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class DefaultPoliciesTest {
    @Test
    void builtInsHaveUniqueSnakeCaseNamesAndComeInPriorityOrder() {
        assertThat(DefaultPolicies.all())
                .extracting(HealingPolicy::name)
                .doesNotHaveDuplicates()
                .allMatch(n -> n.matches("[a-z][a-z0-9_]*"))
                .contains(
                        "high_latency_scale_out",
                        "database_failure_circuit_breaker",
                        "memory_pressure_restart",
                        "cpu_saturation_scale_out",
                        "anomaly_alert");
        assertThat(DefaultPolicies.all())
                .isSortedAccordingTo(
                        Comparator.comparingInt(HealingPolicy::priority).thenComparing(HealingPolicy::name));
        assertThat(new PolicyEngine(DefaultPolicies.all()).policies()).isEqualTo(DefaultPolicies.all());
    }

    @Test
    void builtInsOnlyUseMetricsThatEventsCarry() {
        assertThat(DefaultPolicies.all())
                .flatExtracting(HealingPolicy::conditions)
                .extracting(PolicyCondition::metric)
                .allMatch(m -> Metric.byKey(m).isPresent() || m.equals(PolicyCondition.ANOMALY_CONFIDENCE));
    }

    @Test
    void everyBuiltInWaitsBeforeActingAgainAndIsCapped() {
        assertThat(DefaultPolicies.all()).allSatisfy(p -> {
            assertThat(p.cooldown()).isPositive();
            assertThat(p.maxExecutionsPerHour()).isBetween(1, 10);
            assertThat(p.services()).isEmpty();
            assertThat(p.enabled()).isTrue();
        });
    }
}
