package dev.arf.core.policy;

import static dev.arf.core.policy.HealingAction.ALERT_TEAM;
import static dev.arf.core.policy.HealingAction.CIRCUIT_BREAKER;
import static dev.arf.core.policy.HealingAction.RESTART_CONTAINER;
import static dev.arf.core.policy.HealingAction.ROLLBACK;
import static dev.arf.core.policy.HealingAction.SCALE_OUT;
import static dev.arf.core.policy.HealingAction.TRAFFIC_SHIFT;

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
     * The Diagnostician saw errors rise right after a version change: roll back and tell the team.
     * Rolling back a good version is cheap to undo, running a bad one is not. Priority 1, cooldown 10
     * min (a rollback takes time to land), at most 3 per hour.
     */
    public static final HealingPolicy BAD_DEPLOY_ROLLBACK = policy(
            "bad_deploy_rollback",
            List.of(new PolicyCondition("error_rate", Operator.GT, 0.02)),
            List.of(ROLLBACK, ALERT_TEAM),
            1,
            Duration.ofMinutes(10),
            3,
            "bad_deploy");

    /**
     * A data store is failing (errors above 10 %): restart it for fresh processes and connection
     * pools (seed 000's db_connection_pool_protection) and tell the team. Priority 1, cooldown 5 min,
     * at most 3 per hour: a database that keeps failing needs a person.
     */
    public static final HealingPolicy DATABASE_FAILURE_RESTART = policy(
            "database_failure_restart",
            List.of(new PolicyCondition("error_rate", Operator.GT, 0.1)),
            List.of(RESTART_CONTAINER, ALERT_TEAM),
            1,
            Duration.ofMinutes(5),
            3,
            "database_failure");

    /**
     * The service is failing because something it calls is failing: open its circuit breakers so it
     * fails fast instead of queueing on the broken dependency. Priority 1, cooldown 5 min, 5 per hour.
     */
    public static final HealingPolicy DEPENDENCY_FAILURE_CIRCUIT_BREAKER = policy(
            "dependency_failure_circuit_breaker",
            List.of(new PolicyCondition("error_rate", Operator.GT, 0.05)),
            List.of(CIRCUIT_BREAKER),
            1,
            Duration.ofMinutes(5),
            5,
            "dependency_failure");

    /**
     * Memory climbing steadily and above 85 %: restart before the OOM killer does, and tell the team —
     * a restart buys time, only a fix ends a leak. Priority 1, cooldown 10 min, 3 per hour.
     */
    public static final HealingPolicy MEMORY_LEAK_RESTART = policy(
            "memory_leak_restart",
            List.of(new PolicyCondition("memory_util", Operator.GT, 0.85)),
            List.of(RESTART_CONTAINER, ALERT_TEAM),
            1,
            Duration.ofMinutes(10),
            3,
            "memory_leak");

    /**
     * Calls to a healthy-looking peer time out: shift traffic to where the network still works and
     * tell the team. Priority 1, cooldown 5 min, 4 per hour.
     */
    public static final HealingPolicy NETWORK_PARTITION_TRAFFIC_SHIFT = policy(
            "network_partition_traffic_shift",
            List.of(new PolicyCondition("error_rate", Operator.GT, 0.05)),
            List.of(TRAFFIC_SHIFT, ALERT_TEAM),
            1,
            Duration.ofMinutes(5),
            4,
            "network_partition");

    /**
     * CPU or memory exhausted without a traffic surge (a runaway process): add capacity and roll the
     * instances. Priority 1, cooldown 5 min, 4 per hour.
     */
    public static final HealingPolicy RESOURCE_EXHAUSTION_SCALE_OUT_AND_RESTART = policy(
            "resource_exhaustion_scale_out_and_restart",
            List.of(new PolicyCondition("cpu_util", Operator.GT, 0.85)),
            List.of(SCALE_OUT, RESTART_CONTAINER),
            1,
            Duration.ofMinutes(5),
            4,
            "resource_exhaustion");

    /**
     * Throughput far above normal and CPU above 70 %: scale out, again every 2 minutes while it lasts
     * (new replicas take 30-60 s to take traffic), at most 10 per hour. Priority 1.
     */
    public static final HealingPolicy TRAFFIC_SURGE_SCALE_OUT = policy(
            "traffic_surge_scale_out",
            List.of(new PolicyCondition("cpu_util", Operator.GT, 0.7)),
            List.of(SCALE_OUT),
            1,
            Duration.ofMinutes(2),
            10,
            "traffic_surge");

    /**
     * Errors above 20 % <em>and</em> p99 latency above 500 ms together, whatever the diagnosis: the
     * signature of a failing service or dependency. Open the circuit breakers around it to stop the
     * failure cascading, and tell the team. Priority 2, cooldown 5 min, at most 5 per hour.
     */
    public static final HealingPolicy DATABASE_FAILURE_CIRCUIT_BREAKER = policy(
            "database_failure_circuit_breaker",
            List.of(
                    new PolicyCondition("error_rate", Operator.GT, 0.2),
                    new PolicyCondition("latency_p99", Operator.GT, 500)),
            List.of(CIRCUIT_BREAKER, ALERT_TEAM),
            2,
            Duration.ofMinutes(5),
            5);

    /**
     * Memory above 90 %, whatever the diagnosis: restart the container before the OOM killer does it
     * mid-request. Cooldown 10 minutes and at most 3 per hour; beyond that a person must look.
     * Priority 2.
     */
    public static final HealingPolicy MEMORY_PRESSURE_RESTART = policy(
            "memory_pressure_restart",
            List.of(new PolicyCondition("memory_util", Operator.GT, 0.9)),
            List.of(RESTART_CONTAINER),
            2,
            Duration.ofMinutes(10),
            3);

    /**
     * p99 latency above 500 ms under load or for no known reason: add capacity. Not for a bad deploy
     * or a failing dependency, where more replicas of the same problem help no one. Five minutes of
     * cooldown lets new instances warm up; six per hour caps a runaway scale-out. Priority 3.
     */
    public static final HealingPolicy HIGH_LATENCY_SCALE_OUT = policy(
            "high_latency_scale_out",
            List.of(new PolicyCondition("latency_p99", Operator.GT, 500)),
            List.of(SCALE_OUT),
            3,
            Duration.ofMinutes(5),
            6,
            "traffic_surge",
            "resource_exhaustion",
            "unknown");

    /**
     * Errors above 5 % or p99 latency above 500 ms that the Diagnostician cannot pin on a cause — no
     * deploy, no failing dependency, no saturation: the service's own instances are sick (a wedged
     * process, a bad host, a poisoned cache). A rolling restart replaces them, the first response an
     * on-call engineer would try, and the team is told. Bounded: cooldown 10 min, at most 2 per hour,
     * and the Guardian stops it as an ineffective fix when restarts do not help. Priority 2. Two
     * policies because a policy's conditions must all hold.
     */
    public static final HealingPolicy UNEXPLAINED_ERRORS_RESTART = policy(
            "unexplained_errors_restart",
            List.of(new PolicyCondition("error_rate", Operator.GT, 0.05)),
            List.of(RESTART_CONTAINER, ALERT_TEAM),
            2,
            Duration.ofMinutes(10),
            2,
            "unknown");

    /** As {@link #UNEXPLAINED_ERRORS_RESTART}, for p99 latency above 500 ms. */
    public static final HealingPolicy UNEXPLAINED_LATENCY_RESTART = policy(
            "unexplained_latency_restart",
            List.of(new PolicyCondition("latency_p99", Operator.GT, 500)),
            List.of(RESTART_CONTAINER, ALERT_TEAM),
            2,
            Duration.ofMinutes(10),
            2,
            "unknown");

    /**
     * CPU above 85 %, whatever the diagnosis: scale out before saturation turns into latency. Same
     * pacing as the latency policy (5 min, 6 per hour). Priority 3.
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
     * team, without touching the system. A 30-minute cooldown keeps it to one page per incident and a
     * reminder while it lasts. Priority 5.
     */
    public static final HealingPolicy ANOMALY_ALERT = policy(
            "anomaly_alert",
            List.of(new PolicyCondition(PolicyCondition.ANOMALY_CONFIDENCE, Operator.GE, 0.7)),
            List.of(ALERT_TEAM),
            5,
            Duration.ofMinutes(30),
            2);

    private static final List<HealingPolicy> ALL = List.of(
            BAD_DEPLOY_ROLLBACK,
            DATABASE_FAILURE_RESTART,
            DEPENDENCY_FAILURE_CIRCUIT_BREAKER,
            MEMORY_LEAK_RESTART,
            NETWORK_PARTITION_TRAFFIC_SHIFT,
            RESOURCE_EXHAUSTION_SCALE_OUT_AND_RESTART,
            TRAFFIC_SURGE_SCALE_OUT,
            DATABASE_FAILURE_CIRCUIT_BREAKER,
            MEMORY_PRESSURE_RESTART,
            UNEXPLAINED_ERRORS_RESTART,
            UNEXPLAINED_LATENCY_RESTART,
            CPU_SATURATION_SCALE_OUT,
            HIGH_LATENCY_SCALE_OUT,
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
            int maxPerHour,
            String... causes) {
        return new HealingPolicy(
                name, conditions, actions, priority, cooldown, maxPerHour, true, List.of(), List.of(causes));
    }
}
