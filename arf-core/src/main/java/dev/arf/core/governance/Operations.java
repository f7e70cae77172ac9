package dev.arf.core.governance;

import dev.arf.core.blueprint.Bounds;
import dev.arf.core.blueprint.Resources;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Units;
import dev.arf.core.execute.Action;
import dev.arf.core.policy.HealingAction;

/**
 * How healing actions are named in blueprints (seed 002's operation vocabulary) and in environment
 * eligibility lists (seed 003's action names).
 */
final class Operations {
    private Operations() {}

    /** The blueprint operation an action exercises; scaling past the blueprint's maximum is its own operation. */
    static String blueprintOperation(Action action, int maxReplicas) {
        return switch (action.type()) {
            case RESTART_CONTAINER -> "restart_pods";
            case SCALE_OUT, SCALE_IN ->
                requestedReplicas(action) > maxReplicas ? "scale_beyond_limits" : "scale_within_limits";
            case TRAFFIC_SHIFT -> "shift_traffic";
            case CIRCUIT_BREAKER -> "open_circuit_breaker";
            case ROLLBACK -> "rollback_deployment";
            case ALERT_TEAM -> "notify";
            case NO_ACTION -> "noop";
            case DELETE_DEPLOYMENT -> "delete_deployment";
            case ADJUST_RESOURCES -> "adjust_resources_within_bounds";
        };
    }

    /**
     * As {@link #blueprintOperation(Action, int)}, and resource requests outside the blueprint's
     * {@code spec.resources} min..max are their own operation, {@code adjust_resources_beyond_bounds}.
     */
    static String blueprintOperation(Action action, ServiceBlueprint blueprint) {
        if (action.type() != HealingAction.ADJUST_RESOURCES) {
            return blueprintOperation(action, blueprint.scaling().maxReplicas());
        }
        Resources bounds = blueprint.resources();
        boolean within = requested(action, "memory", Units::memory)
                        .map(bytes -> inside(bytes, bounds.memoryBytes()))
                        .orElse(true)
                && requested(action, "cpu", Units::cpu)
                        .map(cores -> inside(cores, bounds.cpuCores()))
                        .orElse(true);
        return within ? "adjust_resources_within_bounds" : "adjust_resources_beyond_bounds";
    }

    /**
     * What a resource adjustment lacks: neither {@code memory} nor {@code cpu}, or one that is no
     * quantity; empty when it is well formed.
     */
    static java.util.Optional<String> resourceProblem(Action action) {
        if (action.type() != HealingAction.ADJUST_RESOURCES) {
            return java.util.Optional.empty();
        }
        if (!action.parameters().containsKey("memory") && !action.parameters().containsKey("cpu")) {
            return java.util.Optional.of("adjust_resources needs a memory or cpu request");
        }
        for (String key : java.util.List.of("memory", "cpu")) {
            String text = action.parameters().get(key);
            if (text == null) {
                continue;
            }
            try {
                if (key.equals("memory")) {
                    Units.memory(text);
                } else {
                    Units.cpu(text);
                }
            } catch (IllegalArgumentException e) {
                return java.util.Optional.of("adjust_resources: " + key + " " + e.getMessage());
            }
        }
        return java.util.Optional.empty();
    }

    private static <T> java.util.Optional<T> requested(
            Action action, String key, java.util.function.Function<String, T> parse) {
        String text = action.parameters().get(key);
        if (text == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(parse.apply(text));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static <T extends Comparable<T>> boolean inside(T value, Bounds<T> bounds) {
        return bounds.min().map(min -> value.compareTo(min) >= 0).orElse(true)
                && bounds.max().map(max -> value.compareTo(max) <= 0).orElse(true);
    }

    /**
     * Operations ARF never performs, whatever a blueprint says (seed 002's forbidden examples and seed
     * 003's globally blocked list): infrastructure destruction, security changes, system changes.
     */
    static final java.util.Set<String> GLOBALLY_FORBIDDEN = java.util.Set.of(
            "delete_deployment",
            "modify_namespace",
            "change_rbac",
            "delete_production_data",
            "drop_database",
            "delete_backups",
            "format_drives",
            "remove_snapshots",
            "modify_user_accounts",
            "change_security_settings",
            "disable_authentication",
            "modify_permissions",
            "access_external_systems",
            "modify_system_files",
            "execute_shell_commands",
            "install_software",
            "modify_kernel",
            "change_network_config");

    /** The seed 003 name used in environment eligibility lists. */
    static String eligibilityName(HealingAction type) {
        return switch (type) {
            case RESTART_CONTAINER -> "restart";
            case SCALE_OUT -> "scale_up";
            case SCALE_IN -> "scale_down";
            case TRAFFIC_SHIFT -> "traffic_shift";
            case CIRCUIT_BREAKER -> "circuit_breaker";
            case ROLLBACK -> "rollback";
            case ALERT_TEAM -> "alert";
            case NO_ACTION -> "noop";
            case DELETE_DEPLOYMENT -> "delete";
            case ADJUST_RESOURCES -> "adjust_resources";
        };
    }

    /** The {@code replicas} parameter, or -1 when the action does not name a count. */
    static int requestedReplicas(Action action) {
        String replicas = action.parameters().get("replicas");
        if (replicas == null) {
            return -1;
        }
        try {
            return Integer.parseInt(replicas.trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
