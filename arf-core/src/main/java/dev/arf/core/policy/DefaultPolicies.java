package dev.arf.core.policy;

import static dev.arf.core.policy.HealingAction.ALERT_TEAM;
import static dev.arf.core.policy.HealingAction.CIRCUIT_BREAKER;
import static dev.arf.core.policy.HealingAction.RESTART_CONTAINER;
import static dev.arf.core.policy.HealingAction.SCALE_OUT;

import dev.arf.core.telemetry.Operator;
import java.time.Duration;
import java.util.List;

/**
 * The healing policies ARF runs with when none are configured: one per common failure shape, each
 * asking for the least disruptive action that usually helps, with cooldowns long enough for the
 * action to take effect before it is judged again. They apply to every service. Several may fire at
 * once (a saturated service is often both slow and CPU-bound); the caller merges their actions, and
 * governance still rules on each.
 */
public final class DefaultPolicies {
    /**
     * Errors above 20 % <em>and</em> p99 latency above 500 ms together: the signature of a failing
     * downstream dependency (most often the database or its connection pool) rather than of load.
     * Open the circuit breaker to stop the failures cascading and tell the team, who must fix the
     * dependency. Priority 1, cooldown 5 min, at most 5 per hour.
     */
    public static final HealingPolicy DATABASE_FAILURE_CIRCUIT_BREAKER = policy(
            "database_failure_circuit_breaker",
            List.of(
                    new PolicyCondition("error_rate", Operator.GT, 0.2),
                    new PolicyCondition("latency_p99", Operator.GT, 500)),
            List.of(CIRCUIT_BREAKER, ALERT_TEAM),
            1,
            Duration.ofMinutes(5),
            5);

    /**
     * p99 latency above 500 ms: add capacity. Five minutes of cooldown lets new instances warm up and
     * take traffic before latency is judged again; six per hour caps a runaway scale-out. Priority 2.
     */
    public static final HealingPolicy HIGH_LATENCY_SCALE_OUT = policy(
            "high_latency_scale_out",
            List.of(new PolicyCondition("latency_p99", Operator.GT, 500)),
            List.of(SCALE_OUT),
            2,
            Duration.ofMinutes(5),
            6);

    /**
     * Memory above 90 %: restart the container before the OOM killer does it mid-request. Restarts
     * are disruptive and a leak comes back, so the cooldown is 10 minutes and at most 3 per hour;
     * beyond that a person must look. Priority 2.
     */
    public static final HealingPolicy MEMORY_PRESSURE_RESTART = policy(
            "memory_pressure_restart",
            List.of(new PolicyCondition("memory_util", Operator.GT, 0.9)),
            List.of(RESTART_CONTAINER),
            2,
            Duration.ofMinutes(10),
            3);

    /**
     * CPU above 85 %: scale out before saturation turns into latency. Same pacing as the latency
     * policy (5 min, 6 per hour); priority 3 because latency is what users feel.
     */
    public static final HealingPolicy CPU_SATURATION_SCALE_OUT = policy(
            "cpu_saturation_scale_out",
            List.of(new PolicyCondition("cpu_util", Operator.GT, 0.85)),
            List.of(SCALE_OUT),
            3,
            Duration.ofMinutes(5),
            6);

    /**
     * The detectors are at least 70 % confident something is wrong, whatever the metric: tell the
     * team, without touching the system. Cooldown 10 min and 6 per hour keep it from paging on every
     * event of one incident. Priority 5.
     */
    public static final HealingPolicy ANOMALY_ALERT = policy(
            "anomaly_alert",
            List.of(new PolicyCondition(PolicyCondition.ANOMALY_CONFIDENCE, Operator.GE, 0.7)),
            List.of(ALERT_TEAM),
            5,
            Duration.ofMinutes(10),
            6);

    private static final List<HealingPolicy> ALL = List.of(
            DATABASE_FAILURE_CIRCUIT_BREAKER,
            HIGH_LATENCY_SCALE_OUT,
            MEMORY_PRESSURE_RESTART,
            CPU_SATURATION_SCALE_OUT,
            ANOMALY_ALERT);

    private DefaultPolicies() {}

    /** All built-in policies, by priority then name. */
    public static List<HealingPolicy> all() {
        return ALL;
    }

    private static HealingPolicy policy(
            String name,
            List<PolicyCondition> conditions,
            List<HealingAction> actions,
            int priority,
            Duration cooldown,
            int maxPerHour) {
        return new HealingPolicy(name, conditions, actions, priority, cooldown, maxPerHour, true, List.of());
    }
}
