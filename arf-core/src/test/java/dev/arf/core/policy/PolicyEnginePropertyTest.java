package dev.arf.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.telemetry.Operator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded properties of the engine's pacing over random policies and random event streams. */
class PolicyEnginePropertyTest {
    private static final List<HealingAction> HEALING = java.util.Arrays.stream(HealingAction.values())
            .filter(HealingAction::healing)
            .toList();

    private static final String[] METRICS = {"latency_p99", "error_rate", "cpu_util", "anomaly_confidence"};
    private static final String[] SERVICES = {"checkout", "search", "db"};

    @Test
    void aPolicyNeverFiresMoreThanItsHourlyLimitInAnyWindowNorTwiceWithinItsCooldown() {
        Map<String, Integer> reasons = new HashMap<>();
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<HealingPolicy> policies = randomPolicies(random);
            var engine = new PolicyEngine(policies);
            Map<String, List<Instant>> fired = new HashMap<>();
            Instant now = Instant.parse("2025-01-01T00:00:00Z");
            int steps = 300 + random.nextInt(300);
            for (int step = 0; step < steps; step++) {
                now = now.plusSeconds(random.nextInt(1, 240));
                String service = SERVICES[random.nextInt(SERVICES.length)];
                Map<String, Double> values = new HashMap<>();
                for (String m : METRICS) {
                    if (random.nextInt(10) > 0) {
                        values.put(m, random.nextDouble());
                    }
                }
                if (step % 97 == 0) {
                    // a restart in the middle of the stream must not forget the pacing
                    PolicyEngineState state = engine.exportState();
                    engine = new PolicyEngine(policies);
                    engine.importState(state);
                }
                var ctx = new PolicyContext(
                        service,
                        now,
                        k -> values.getOrDefault(k, Double.NaN),
                        values.getOrDefault("anomaly_confidence", Double.NaN));
                for (PolicyMatch match : engine.evaluate(ctx)) {
                    reasons.merge(match.reasonCode(), 1, Integer::sum);
                    // the caller executes only some of the proposals
                    if (match.fired() && random.nextInt(4) > 0) {
                        engine.recordExecution(match.policy().name(), service, now);
                        fired.computeIfAbsent(match.policy().name() + "@" + service, k -> new ArrayList<>())
                                .add(now);
                    }
                }
            }
            for (HealingPolicy p : policies) {
                for (String s : SERVICES) {
                    assertPaced(seed, p, fired.getOrDefault(p.name() + "@" + s, List.of()));
                }
            }
        }
        // the generator must exercise every outcome, or the property says nothing
        assertThat(reasons).containsKeys(PolicyMatch.FIRED, PolicyMatch.COOLDOWN_ACTIVE, PolicyMatch.RATE_LIMITED);
    }

    private static void assertPaced(long seed, HealingPolicy p, List<Instant> times) {
        for (int i = 0; i < times.size(); i++) {
            if (i > 0) {
                assertThat(Duration.between(times.get(i - 1), times.get(i)))
                        .as("seed %d, %s cooldown", seed, p.name())
                        .isGreaterThanOrEqualTo(p.cooldown());
            }
            Instant windowStart = times.get(i);
            Instant windowEnd = windowStart.plus(Duration.ofHours(1));
            long inWindow = times.stream()
                    .filter(t -> !t.isBefore(windowStart) && t.isBefore(windowEnd))
                    .count();
            assertThat(inWindow)
                    .as("seed %d, %s per hour", seed, p.name())
                    .isLessThanOrEqualTo(p.maxExecutionsPerHour());
        }
    }

    private static List<HealingPolicy> randomPolicies(SplittableRandom random) {
        List<HealingPolicy> policies = new ArrayList<>();
        int n = random.nextInt(1, 6);
        for (int i = 0; i < n; i++) {
            List<PolicyCondition> conditions = new ArrayList<>();
            int c = random.nextInt(1, 3);
            for (int j = 0; j < c; j++) {
                Operator op = Operator.values()[random.nextInt(Operator.values().length - 1)]; // not eq
                conditions.add(new PolicyCondition(METRICS[random.nextInt(METRICS.length)], op, random.nextDouble()));
            }
            List<String> services =
                    random.nextBoolean() ? List.of() : List.of(SERVICES[random.nextInt(SERVICES.length)]);
            policies.add(new HealingPolicy(
                    "p" + i,
                    conditions,
                    List.of(HEALING.get(random.nextInt(HEALING.size()))),
                    random.nextInt(1, 11),
                    Duration.ofSeconds(random.nextInt(0, 1200)),
                    random.nextInt(1, 8),
                    random.nextInt(10) > 0,
                    services));
        }
        return policies;
    }
}
