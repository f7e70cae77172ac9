package dev.arf.core.governance;

import dev.arf.core.blueprint.Environment;
import dev.arf.core.policy.HealingAction;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Guardian's thresholds (seed 003's defaults).
 *
 * @param eligible per environment, the action kinds that may run there at all (seed 003 names: noop,
 *     alert, restart, scale_up, scale_down, rollback, traffic_shift, circuit_breaker, adjust_resources)
 * @param cooldowns per action kind, the rest after it ran on a service; kinds not listed have none
 * @param repetitionLimit identical actions (same kind, target and parameters) allowed within {@code
 *     repetitionWindow}
 * @param perServicePerHour actions per service in any sliding hour
 * @param globalPerHour actions across the fleet in any sliding hour
 * @param dryRun check everything, execute nothing
 * @param safety confidence, circuit breaker, ineffective-fix, blast-radius and lock limits
 */
public record GovernanceSettings(
        Map<Environment, Set<String>> eligible,
        Map<HealingAction, Duration> cooldowns,
        int repetitionLimit,
        Duration repetitionWindow,
        int perServicePerHour,
        int globalPerHour,
        boolean dryRun,
        SafetyLimits safety) {

    public GovernanceSettings {
        eligible = Map.copyOf(eligible);
        cooldowns = Map.copyOf(cooldowns);
        if (repetitionLimit < 1 || perServicePerHour < 1 || globalPerHour < 1) {
            throw new IllegalArgumentException("governance limits must be at least 1");
        }
        Objects.requireNonNull(safety, "safety");
        if (!repetitionWindow.isPositive()) {
            throw new IllegalArgumentException("governance.repetition_window must be positive");
        }
    }

    /**
     * Seed 003: prod runs noop only (and alerts: telling people is always safe), stage restart, noop and
     * scaling, dev everything; cooldowns restart 60 s, scale 120 s, rollback 300 s; 3 identical actions in
     * 300 s; 10 actions per service and 50 across the fleet per hour.
     */
    public static GovernanceSettings defaults() {
        Map<HealingAction, Duration> cooldowns = new EnumMap<>(HealingAction.class);
        cooldowns.put(HealingAction.RESTART_CONTAINER, Duration.ofSeconds(60));
        cooldowns.put(HealingAction.SCALE_OUT, Duration.ofSeconds(120));
        cooldowns.put(HealingAction.SCALE_IN, Duration.ofSeconds(120));
        cooldowns.put(HealingAction.ROLLBACK, Duration.ofSeconds(300));
        return new GovernanceSettings(
                Map.of(
                        Environment.PROD, Set.of("noop", "alert"),
                        Environment.STAGE, Set.of("noop", "alert", "restart", "scale_up", "scale_down"),
                        Environment.DEV,
                                Set.of(
                                        "noop",
                                        "alert",
                                        "restart",
                                        "scale_up",
                                        "scale_down",
                                        "rollback",
                                        "traffic_shift",
                                        "circuit_breaker",
                                        "adjust_resources")),
                cooldowns,
                3,
                Duration.ofSeconds(300),
                10,
                50,
                false,
                SafetyLimits.defaults());
    }

    public GovernanceSettings withEligible(Environment environment, Set<String> actions) {
        Map<Environment, Set<String>> copy = new EnumMap<>(Environment.class);
        copy.putAll(eligible);
        copy.put(environment, Set.copyOf(actions));
        return new GovernanceSettings(
                copy, cooldowns, repetitionLimit, repetitionWindow, perServicePerHour, globalPerHour, dryRun, safety);
    }

    public GovernanceSettings withDryRun(boolean on) {
        return new GovernanceSettings(
                eligible, cooldowns, repetitionLimit, repetitionWindow, perServicePerHour, globalPerHour, on, safety);
    }

    public GovernanceSettings withSafety(SafetyLimits limits) {
        return new GovernanceSettings(
                eligible,
                cooldowns,
                repetitionLimit,
                repetitionWindow,
                perServicePerHour,
                globalPerHour,
                dryRun,
                limits);
    }
}
