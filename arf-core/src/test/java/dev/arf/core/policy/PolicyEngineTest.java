package dev.arf.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.telemetry.Operator;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyEngineTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static HealingPolicy policy(String name, int priority, PolicyCondition... conditions) {
        return new HealingPolicy(
                name,
                List.of(conditions),
                List.of(HealingAction.SCALE_OUT),
                priority,
                Duration.ofSeconds(120),
                10,
                true,
                List.of());
    }

    private static HealingPolicy paced(String name, Duration cooldown, int maxPerHour) {
        return new HealingPolicy(
                name,
                List.of(new PolicyCondition("latency_p99", Operator.GT, 200)),
                List.of(HealingAction.TRAFFIC_SHIFT, HealingAction.ALERT_TEAM),
                1,
                cooldown,
                maxPerHour,
                true,
                List.of());
    }

    private static PolicyContext ctx(String service, Instant now, Map<String, Double> metrics) {
        return new PolicyContext(service, now, k -> metrics.getOrDefault(k, Double.NaN), Double.NaN);
    }

    private static PolicyContext slow(Instant now) {
        return ctx("checkout", now, Map.of("latency_p99", 450.0));
    }

    @ParameterizedTest(name = "{1} {0} {2} -> {3}")
    @CsvSource({
        "gt, 0.5, 0.4, true",
        "gt, 0.4, 0.4, false",
        "gt, 0.3, 0.4, false",
        "ge, 0.5, 0.4, true",
        "ge, 0.4, 0.4, true",
        "ge, 0.3, 0.4, false",
        "lt, 0.3, 0.4, true",
        "lt, 0.4, 0.4, false",
        "lt, 0.5, 0.4, false",
        "le, 0.3, 0.4, true",
        "le, 0.4, 0.4, true",
        "le, 0.5, 0.4, false",
        "eq, 0.4, 0.4, true",
        "eq, 0.41, 0.4, false",
        "gt, NaN, 0.4, false",
        "ge, NaN, 0.4, false",
        "lt, NaN, 0.4, false",
        "le, NaN, 0.4, false",
        "eq, NaN, 0.4, false"
    })
    void eachOperatorMatchesAsDocumentedAndAMissingMetricNeverMatches(
            String op, double value, double threshold, boolean matches) {
        Operator operator = Operator.byKey(op).orElseThrow();
        var engine = new PolicyEngine(List.of(policy("p", 1, new PolicyCondition("error_rate", operator, threshold))));
        Map<String, Double> metrics = Double.isNaN(value) ? Map.of() : Map.of("error_rate", value);

        assertThat(engine.evaluate(ctx("svc", T0, metrics))).hasSize(matches ? 1 : 0);
    }

    @Test
    void aPolicyMatchesOnlyWhenAllItsConditionsHold() {
        var engine = new PolicyEngine(List.of(DefaultPolicies.DATABASE_FAILURE_CIRCUIT_BREAKER));

        assertThat(engine.evaluate(ctx("db", T0, Map.of("error_rate", 0.35)))).isEmpty();
        assertThat(engine.evaluate(ctx("db", T0, Map.of("latency_p99", 650.0)))).isEmpty();
        List<PolicyMatch> both = engine.evaluate(ctx("db", T0, Map.of("error_rate", 0.35, "latency_p99", 650.0)));

        assertThat(both).singleElement().satisfies(m -> {
            assertThat(m.outcome()).isEqualTo(PolicyMatch.Outcome.FIRED);
            assertThat(m.reasonCode()).isEqualTo(PolicyMatch.FIRED);
            assertThat(m.explanation()).isEqualTo("error_rate 0.35 > 0.2 and latency_p99 650 > 500");
            assertThat(m.conditions())
                    .extracting(PolicyMatch.MatchedCondition::actual)
                    .containsExactly(0.35, 650.0);
            assertThat(m.proposedActions()).containsExactly(HealingAction.CIRCUIT_BREAKER, HealingAction.ALERT_TEAM);
        });
    }

    @Test
    void aServiceFilterLimitsWhichServicesAPolicyAppliesTo() {
        var checkoutOnly = new HealingPolicy(
                "checkout_latency_emergency",
                List.of(new PolicyCondition("latency_p99", Operator.GT, 200)),
                List.of(HealingAction.TRAFFIC_SHIFT),
                1,
                Duration.ofSeconds(120),
                10,
                true,
                List.of("checkout"));
        var engine = new PolicyEngine(List.of(checkoutOnly));

        assertThat(engine.evaluate(ctx("checkout", T0, Map.of("latency_p99", 450.0))))
                .hasSize(1);
        assertThat(engine.evaluate(ctx("search", T0, Map.of("latency_p99", 450.0))))
                .isEmpty();
    }

    @Test
    void aDisabledPolicyNeverMatches() {
        var p = policy("p", 1, new PolicyCondition("latency_p99", Operator.GT, 200));
        var disabled = new HealingPolicy(
                p.name(),
                p.conditions(),
                p.actions(),
                p.priority(),
                p.cooldown(),
                p.maxExecutionsPerHour(),
                false,
                p.services());

        assertThat(new PolicyEngine(List.of(disabled)).evaluate(slow(T0))).isEmpty();
    }

    @Test
    void matchesComeByPriorityThenName() {
        var c = new PolicyCondition("latency_p99", Operator.GT, 100);
        var engine = new PolicyEngine(
                List.of(policy("zeta", 3, c), policy("beta", 1, c), policy("alpha", 3, c), policy("gamma", 2, c)));

        assertThat(engine.evaluate(slow(T0)))
                .extracting(m -> m.policy().name())
                .containsExactly("beta", "gamma", "alpha", "zeta");
    }

    @Test
    void duplicatePolicyNamesAreRefused() {
        var c = new PolicyCondition("latency_p99", Operator.GT, 100);

        assertThatThrownBy(() -> new PolicyEngine(List.of(policy("a", 1, c), policy("a", 2, c))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a]");
    }

    @Test
    void evaluatingRecordsNothingSoRepeatedEvaluationsKeepFiring() {
        var engine = new PolicyEngine(List.of(paced("p", Duration.ofSeconds(120), 10)));

        assertThat(engine.evaluate(slow(T0))).singleElement().matches(PolicyMatch::fired);
        assertThat(engine.evaluate(slow(T0.plusSeconds(1)))).singleElement().matches(PolicyMatch::fired);
        assertThat(engine.exportState().executions()).isEmpty();
    }

    @Test
    void aConfirmedExecutionStartsTheCooldownOnVirtualTime() {
        var engine = new PolicyEngine(List.of(paced("p", Duration.ofSeconds(120), 10)));
        assertThat(engine.evaluate(slow(T0))).singleElement().matches(PolicyMatch::fired);
        engine.recordExecution("p", "checkout", T0);

        PolicyMatch held = engine.evaluate(slow(T0.plusSeconds(119))).get(0);
        assertThat(held.outcome()).isEqualTo(PolicyMatch.Outcome.SUPPRESSED);
        assertThat(held.reasonCode()).isEqualTo(PolicyMatch.COOLDOWN_ACTIVE);
        assertThat(held.explanation()).isEqualTo("cooldown 120s, 1s left");
        assertThat(held.proposedActions()).isEmpty();

        assertThat(engine.evaluate(slow(T0.plusSeconds(120)))).singleElement().matches(PolicyMatch::fired);
    }

    @Test
    void theCooldownIsPerService() {
        var engine = new PolicyEngine(List.of(paced("p", Duration.ofSeconds(300), 10)));
        engine.recordExecution("p", "checkout", T0);

        assertThat(engine.evaluate(ctx("search", T0.plusSeconds(10), Map.of("latency_p99", 450.0))))
                .singleElement()
                .matches(PolicyMatch::fired);
        assertThat(engine.evaluate(slow(T0.plusSeconds(180))).get(0).explanation())
                .isEqualTo("cooldown 300s, 120s left");
    }

    @Test
    void theHourlyLimitSlidesWithTime() {
        var engine = new PolicyEngine(List.of(paced("p", Duration.ZERO, 5)));
        for (int i = 0; i < 5; i++) {
            engine.recordExecution("p", "checkout", T0.plus(Duration.ofMinutes(10L * i)));
        }

        PolicyMatch limited =
                engine.evaluate(slow(T0.plus(Duration.ofMinutes(45)))).get(0);
        assertThat(limited.reasonCode()).isEqualTo(PolicyMatch.RATE_LIMITED);
        assertThat(limited.explanation()).startsWith("5 executions in the last hour, max 5");
        assertThat(engine.evaluate(slow(T0.plus(Duration.ofMinutes(60)).minusSeconds(1)))
                        .get(0)
                        .fired())
                .isFalse();
        // the first execution leaves the window exactly an hour later
        assertThat(engine.evaluate(slow(T0.plus(Duration.ofMinutes(60)))))
                .singleElement()
                .matches(PolicyMatch::fired);
    }

    @Test
    void recordingAnUnknownPolicyIsRefused() {
        var engine = new PolicyEngine(List.of(paced("p", Duration.ZERO, 5)));

        assertThatThrownBy(() -> engine.recordExecution("nope", "checkout", T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void anExportedStateRestoresCooldownsAndLimitsInANewEngine() {
        var policies = List.of(paced("p", Duration.ofSeconds(300), 2), paced("q", Duration.ZERO, 1));
        var before = new PolicyEngine(policies);
        before.recordExecution("p", "checkout", T0);
        before.recordExecution("p", "search", T0.plusSeconds(30));
        before.recordExecution("q", "checkout", T0.plusSeconds(60));

        PolicyEngineState state = before.exportState();
        var after = new PolicyEngine(policies);
        after.importState(state);

        assertThat(after.exportState()).isEqualTo(state);
        Instant later = T0.plusSeconds(100);
        assertThat(after.evaluate(slow(later)))
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(before.evaluate(slow(later)));
        assertThat(after.evaluate(slow(later)))
                .extracting(PolicyMatch::reasonCode)
                .containsExactly(PolicyMatch.COOLDOWN_ACTIVE, PolicyMatch.RATE_LIMITED);
    }

    @Test
    void importingDropsHistoryOfPoliciesThatNoLongerExist() {
        var engine = new PolicyEngine(List.of(paced("p", Duration.ZERO, 2)));
        engine.importState(new PolicyEngineState(List.of(
                new PolicyEngineState.Executions("gone", "checkout", List.of(T0)),
                new PolicyEngineState.Executions("p", "checkout", List.of(T0)))));

        assertThat(engine.exportState().executions())
                .extracting(PolicyEngineState.Executions::policy)
                .containsExactly("p");
    }

    @Test
    void onlyTheLastHourOfExecutionsIsKeptAndNoMoreThanTheHourlyLimit() {
        var engine = new PolicyEngine(List.of(paced("p", Duration.ZERO, 3)));
        for (int i = 0; i < 100; i++) {
            engine.recordExecution("p", "checkout", T0.plus(Duration.ofMinutes(i)));
        }

        List<Instant> kept = engine.exportState().executions().get(0).instants();
        assertThat(kept)
                .containsExactly(
                        T0.plus(Duration.ofMinutes(97)),
                        T0.plus(Duration.ofMinutes(98)),
                        T0.plus(Duration.ofMinutes(99)));

        engine.recordExecution("p", "checkout", T0.plus(Duration.ofHours(5)));
        assertThat(engine.exportState().executions().get(0).instants()).containsExactly(T0.plus(Duration.ofHours(5)));
    }

    @Test
    void anomalyConfidenceAndCustomMetricsAreReadFromTheEvent() {
        var queue = new HealingPolicy(
                "queue_backlog",
                List.of(new PolicyCondition("custom:queue_depth", Operator.GE, 1000)),
                List.of(HealingAction.SCALE_OUT),
                4,
                Duration.ZERO,
                3,
                true,
                List.of());
        var engine = new PolicyEngine(List.of(queue, DefaultPolicies.ANOMALY_ALERT));
        TelemetryEvent event = TelemetryEvent.builder("worker", T0)
                .latencyP99(20)
                .custom("queue_depth", 1500)
                .build();

        assertThat(engine.evaluate(PolicyContext.of(event, 0.75, T0)))
                .extracting(m -> m.policy().name())
                .containsExactly("queue_backlog", "anomaly_alert");
        assertThat(engine.evaluate(PolicyContext.of(event, Double.NaN, T0)))
                .extracting(m -> m.policy().name())
                .containsExactly("queue_backlog");
    }

    @Test
    void proposedActionsMergeFiredMatchesWithoutDuplicates() {
        var engine = new PolicyEngine(DefaultPolicies.all());
        Map<String, Double> m = new HashMap<>(Map.of("latency_p99", 900.0, "cpu_util", 0.95, "error_rate", 0.01));
        engine.recordExecution("cpu_saturation_scale_out", "api", T0);

        List<PolicyMatch> matches = engine.evaluate(ctx("api", T0.plusSeconds(5), m));

        assertThat(matches)
                .extracting(x -> x.policy().name())
                .containsExactly("unexplained_latency_restart", "cpu_saturation_scale_out", "high_latency_scale_out");
        assertThat(PolicyEngine.proposedActions(matches))
                .containsExactly(HealingAction.RESTART_CONTAINER, HealingAction.ALERT_TEAM, HealingAction.SCALE_OUT);
    }
}
