package dev.arf.config;

import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.Units;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.SafetyLimits;
import dev.arf.core.policy.HealingAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One pass over a governance tree: parses every duration, runs the checks the schema cannot express
 * (durations that must be more than zero, fleet-wide keys written for one service, service names),
 * each problem at its value, and merges what is written over the built-in defaults, then each service
 * over the file's defaults, key by key. Runs on trees that failed the schema too, so that every problem
 * comes out at once: values of the wrong shape are skipped here (the schema reports them). Single use.
 */
final class GovernanceReading {
    /** Action kinds of environment eligibility lists, as the Guardian names them (seed 003). */
    static final List<String> KINDS = List.of(
            "noop",
            "alert",
            "restart",
            "scale_up",
            "scale_down",
            "rollback",
            "traffic_shift",
            "circuit_breaker",
            "adjust_resources");

    /** The healing actions a cooldown may be set for: all but the one ARF never performs. */
    static final List<HealingAction> COOLDOWN_ACTIONS = java.util.Arrays.stream(HealingAction.values())
            .filter(a -> a != HealingAction.DELETE_DEPLOYMENT)
            .toList();

    static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private final String source;
    private final SafeYamlReader.Document document;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> explainedFields = new HashSet<>();

    private GovernanceReading(SafeYamlReader.Document document, String source) {
        this.document = document;
        this.source = source;
    }

    /**
     * What one pass found: the problems, the fields explained here better than by the schema, and the
     * configuration (null when anything was wrong here; use it only when the schema passed too).
     */
    record Result(List<ConfigProblem> problems, Set<String> explainedFields, GovernanceConfig config) {}

    static Result read(SafeYamlReader.Document document, String source) {
        GovernanceReading reading = new GovernanceReading(document, source);
        GovernanceConfig config;
        try {
            config = reading.config(document.tree());
        } catch (RuntimeException e) {
            // a tree that failed the schema can hold what the records refuse; the schema says what
            config = null;
        }
        return new Result(
                List.copyOf(reading.problems),
                Set.copyOf(reading.explainedFields),
                reading.problems.isEmpty() ? config : null);
    }

    private GovernanceConfig config(JsonNode tree) {
        GovernanceSettings defaults =
                settings(tree.path("defaults"), "defaults", "/defaults", GovernanceSettings.defaults(), false);
        Map<String, GovernanceSettings> services = new LinkedHashMap<>();
        JsonNode list = tree.path("services");
        if (list.isObject()) {
            for (var entry : list.properties()) {
                String name = entry.getKey();
                String path = FieldPath.child("services", name);
                if (!SERVICE_NAME.matcher(name).matches()) {
                    explainedFields.add(path);
                    explainedFields.add("services"); // the schema's propertyNames says it at the mapping
                    Position at = document.keyPosition("/services/" + pointerSegment(name), Position.of(list));
                    problems.add(new ConfigProblem(
                            source,
                            at.line(),
                            at.column(),
                            path,
                            "'" + FieldPath.abbreviate(name) + "' is not a service name; write it as in the"
                                    + " service's blueprint (lower-case letters, digits and '-', starting with a"
                                    + " letter, at most 63 characters)"));
                    continue;
                }
                services.put(name, settings(entry.getValue(), path, "/services/" + name, defaults, true));
            }
        }
        return new GovernanceConfig(defaults, services);
    }

    /**
     * {@code base} with what {@code node} writes over it; {@code service} for one service's entry.
     *
     * @param pointer the JSON pointer of {@code node}, to find where its keys are
     */
    private GovernanceSettings settings(
            JsonNode node, String path, String pointer, GovernanceSettings base, boolean service) {
        Map<Environment, Set<String>> eligible = new EnumMap<>(Environment.class);
        eligible.putAll(base.eligible());
        JsonNode eligibleNode = node.path("eligible");
        for (Environment environment : Environment.values()) {
            JsonNode kinds = eligibleNode.path(environment.key());
            if (kinds.isArray()) {
                Set<String> set = new LinkedHashSet<>();
                kinds.forEach(k -> {
                    if (k.isString() && KINDS.contains(k.asString())) {
                        set.add(k.asString());
                    }
                });
                eligible.put(environment, set);
            }
        }

        Map<HealingAction, Duration> cooldowns = new EnumMap<>(HealingAction.class);
        cooldowns.putAll(base.cooldowns());
        String cooldownPath = FieldPath.child(path, "cooldowns");
        for (HealingAction action : COOLDOWN_ACTIONS) {
            duration(node.path("cooldowns"), cooldownPath, action.key(), false)
                    .ifPresent(d -> cooldowns.put(action, d));
        }

        JsonNode repetition = node.path("repetition");
        String repetitionPath = FieldPath.child(path, "repetition");
        int repetitionLimit = count(repetition.path("limit")).orElse(base.repetitionLimit());
        Duration repetitionWindow =
                duration(repetition, repetitionPath, "window", true).orElse(base.repetitionWindow());

        JsonNode budgets = node.path("budgets");
        int perService = count(budgets.path("per_service_per_hour")).orElse(base.perServicePerHour());
        int global = base.globalPerHour();
        boolean dryRun = base.dryRun();
        if (service) {
            fleetWideOnly(
                    budgets.path("global_per_hour"),
                    FieldPath.child(path, "budgets"),
                    pointer + "/budgets",
                    "global_per_hour");
            fleetWideOnly(node.path("dry_run"), path, pointer, "dry_run");
        } else {
            global = count(budgets.path("global_per_hour")).orElse(global);
            if (node.path("dry_run").isBoolean()) {
                dryRun = node.path("dry_run").asBoolean();
            }
        }

        SafetyLimits was = base.safety();
        JsonNode safety = node.path("safety");
        String safetyPath = FieldPath.child(path, "safety");
        JsonNode confidence = safety.path("min_confidence");
        double minConfidence = confidence.isNumber() && confidence.asDouble() >= 0 && confidence.asDouble() <= 1
                ? confidence.asDouble()
                : was.minConfidence();
        SafetyLimits limits = new SafetyLimits(
                minConfidence,
                count(safety.path("breaker_failures")).orElse(was.breakerFailures()),
                duration(safety, safetyPath, "breaker_open_for", true).orElse(was.breakerOpenFor()),
                count(safety.path("ineffective_limit")).orElse(was.ineffectiveLimit()),
                duration(safety, safetyPath, "ineffective_block", true).orElse(was.ineffectiveBlock()),
                count(safety.path("max_targets_per_action")).orElse(was.maxTargetsPerAction()),
                duration(safety, safetyPath, "lock_lease", true).orElse(was.lockLease()));
        return new GovernanceSettings(
                eligible, cooldowns, repetitionLimit, repetitionWindow, perService, global, dryRun, limits);
    }

    /** A fleet-wide key written in a service's entry: refused, saying where it belongs. */
    private void fleetWideOnly(JsonNode value, String parentPath, String parentPointer, String key) {
        if (value.isMissingNode()) {
            return;
        }
        String field = FieldPath.child(parentPath, key);
        explainedFields.add(field);
        Position at = document.keyPosition(parentPointer + "/" + key, Position.of(value));
        String where = key.equals("dry_run") ? "defaults.dry_run" : "defaults.budgets.global_per_hour";
        problems.add(new ConfigProblem(
                source,
                at.line(),
                at.column(),
                field,
                key + " applies to the whole fleet, not to one service; set it under " + where));
    }

    /**
     * A whole number of at least 1 that fits an int, also when written {@code 4.0} (the schema counts it
     * an integer too); empty otherwise (the schema reports it).
     */
    private static OptionalInt count(JsonNode node) {
        if (!node.isNumber() || !node.canConvertToInt()) {
            return OptionalInt.empty();
        }
        double value = node.asDouble();
        return value >= 1 && value == Math.rint(value) ? OptionalInt.of((int) value) : OptionalInt.empty();
    }

    /**
     * Parses {@code parent.key} as a duration when it is a text or a number (numbers as written, so
     * that {@code 60} is refused for lacking its unit); empty when absent, of another shape (the schema
     * reports it) or refused (reported here, at the value). {@code positive}: zero is refused too.
     */
    private Optional<Duration> duration(JsonNode parent, String path, String key, boolean positive) {
        JsonNode node = parent.path(key);
        if (!(node.isString() || node.isNumber())) {
            return Optional.empty();
        }
        String field = FieldPath.child(path, key);
        Duration d;
        try {
            d = Units.duration(node.isString() ? node.asString() : node.toString());
        } catch (IllegalArgumentException e) {
            explainedFields.add(field);
            problem(node, field, e.getMessage());
            return Optional.empty();
        }
        if (positive && d.isZero()) {
            explainedFields.add(field);
            problem(node, field, key + " must be more than zero, e.g. " + example(key));
            return Optional.empty();
        }
        return Optional.of(d);
    }

    private static String example(String key) {
        return switch (key) {
            case "ineffective_block" -> "24h";
            case "window" -> "300s";
            default -> "10m";
        };
    }

    private static String pointerSegment(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private void problem(JsonNode at, String field, String message) {
        Position p = Position.of(at);
        problems.add(new ConfigProblem(source, p.line(), p.column(), field, message));
    }
}
