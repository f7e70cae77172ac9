package dev.arf.core.policy;

import dev.arf.core.agents.Cause;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Conditions → actions (seed 000). All conditions must hold for the policy to fire. Lower {@code
 * priority} numbers win (1 is highest). After firing for a service the policy rests for {@code
 * cooldown}, and fires at most {@code maxExecutionsPerHour} times per service in any sliding hour.
 *
 * @param services the services it applies to; empty means every service
 * @param causes the diagnosed causes it applies to (cause keys such as {@code bad_deploy}); empty means
 *     any cause, including none. A policy limited to causes acts on what the Diagnostician named, so a
 *     rollback answers a bad deploy and not a traffic surge.
 */
public record HealingPolicy(
        String name,
        List<PolicyCondition> conditions,
        List<HealingAction> actions,
        int priority,
        Duration cooldown,
        int maxExecutionsPerHour,
        boolean enabled,
        List<String> services,
        List<String> causes) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    public HealingPolicy {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "name: '" + name + "' must be lower-case letters, digits, _ . - (at most 100)");
        }
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
        services = List.copyOf(services);
        causes = List.copyOf(causes);
        for (String cause : causes) {
            if (Cause.byKey(cause).isEmpty()) {
                throw new IllegalArgumentException("causes: unknown cause '" + cause + "' in policy '" + name + "'");
            }
        }
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("conditions: policy '" + name + "' needs at least one");
        }
        for (HealingAction a : actions) {
            if (!a.healing()) {
                throw new IllegalArgumentException(
                        "actions: " + a.key() + " is not a healing action; ARF never does it (policy '" + name + "')");
            }
        }
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("actions: policy '" + name + "' needs at least one");
        }
        if (priority < 1 || priority > 10) {
            throw new IllegalArgumentException("priority: must be 1..10, got " + priority);
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cool_down_seconds: must not be negative");
        }
        if (maxExecutionsPerHour < 1) {
            throw new IllegalArgumentException(
                    "max_executions_per_hour: must be at least 1, got " + maxExecutionsPerHour);
        }
    }

    /** A policy for any cause. */
    public HealingPolicy(
            String name,
            List<PolicyCondition> conditions,
            List<HealingAction> actions,
            int priority,
            Duration cooldown,
            int maxExecutionsPerHour,
            boolean enabled,
            List<String> services) {
        this(name, conditions, actions, priority, cooldown, maxExecutionsPerHour, enabled, services, List.of());
    }

    /** True when the policy is not limited to causes, or {@code cause} is one of them. */
    public boolean appliesToCause(String cause) {
        return causes.isEmpty() || causes.contains(cause);
    }

    public boolean appliesTo(String service) {
        return services.isEmpty() || services.contains(service);
    }
}
