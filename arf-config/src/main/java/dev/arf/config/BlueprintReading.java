package dev.arf.config;

import dev.arf.core.blueprint.ApprovalRule;
import dev.arf.core.blueprint.Blueprint;
import dev.arf.core.blueprint.BlueprintMetadata;
import dev.arf.core.blueprint.Bounds;
import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.GlobalBlueprint;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.PerformanceTargets;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.Resources;
import dev.arf.core.blueprint.Rollback;
import dev.arf.core.blueprint.Scaling;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Units;
import dev.arf.core.blueprint.Verification;
import dev.arf.core.blueprint.VerificationCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * One pass over a blueprint tree that parses every unit and runs the checks a schema cannot express
 * (replica and resource ordering, contradictory governance, a positive stabilisation period), each
 * problem located at its value. Runs on trees that failed the schema too, so that every problem comes
 * out at once: values of the wrong shape are skipped here (the schema reports them), and the records
 * are built only when nothing at all is wrong. Single use.
 */
final class BlueprintReading {
    static final String GLOBAL_KIND = "GlobalBlueprint";

    private final String source;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> explainedFields = new HashSet<>();

    private BlueprintReading(String source) {
        this.source = source;
    }

    /**
     * What one pass found: the problems, the fields explained here better than by the schema (refused
     * units, sections a global blueprint may not have), and a way to build.
     */
    record Result(List<ConfigProblem> problems, Set<String> explainedFields, JsonNode tree, String source) {
        /** The blueprint; call only when the tree passed the schema and {@link #problems} is empty. */
        Blueprint build() {
            return new BlueprintReading(source).blueprint(tree);
        }
    }

    static Result read(JsonNode tree, String source) {
        BlueprintReading reading = new BlueprintReading(source);
        try {
            reading.blueprint(tree);
        } catch (RuntimeException e) {
            // a tree that failed the schema can be missing what the records need; the schema says what
        }
        return new Result(List.copyOf(reading.problems), Set.copyOf(reading.explainedFields), tree, source);
    }

    private Blueprint blueprint(JsonNode tree) {
        BlueprintMetadata metadata = metadata(tree.path("metadata"));
        Environment environment = Environment.byKey(
                        text(tree.path("metadata").path("environment")).orElse("prod"))
                .orElse(Environment.PROD);
        GovernanceRules governance = governance(tree.path("governance"), "governance");
        boolean global = GLOBAL_KIND.equals(text(tree.path("kind")).orElse(""));
        if (global) {
            for (String key : List.of("spec", "verification")) {
                if (!tree.path(key).isMissingNode()) {
                    explainedFields.add(key);
                    problem(
                            tree.path(key),
                            key,
                            "a GlobalBlueprint holds only metadata and governance; put " + key
                                    + " in the blueprint of a service");
                }
            }
            return problems.isEmpty() ? new GlobalBlueprint(metadata, environment, governance) : null;
        }
        JsonNode spec = tree.path("spec");
        Scaling scaling = scaling(spec.path("scaling"), "spec.scaling");
        Resources resources = resources(spec.path("resources"), "spec.resources");
        PerformanceTargets performance = performance(spec.path("performance"), "spec.performance");
        Verification verification = verification(tree.path("verification"), "verification");
        if (!problems.isEmpty()) {
            return null;
        }
        return new ServiceBlueprint(metadata, environment, scaling, resources, performance, governance, verification);
    }

    private BlueprintMetadata metadata(JsonNode node) {
        return new BlueprintMetadata(
                text(node.path("name")).orElse("?"),
                text(node.path("version")).orElse("?"),
                Priority.byKey(text(node.path("priority")).orElse("medium")).orElse(Priority.MEDIUM),
                Criticality.byKey(text(node.path("criticality")).orElse("standard"))
                        .orElse(Criticality.STANDARD));
    }

    private Scaling scaling(JsonNode node, String path) {
        JsonNode min = node.path("min_replicas");
        JsonNode max = node.path("max_replicas");
        if (min.canConvertToInt() && max.canConvertToInt() && min.asInt() > max.asInt()) {
            problem(
                    min,
                    FieldPath.child(path, "min_replicas"),
                    "min_replicas " + min.asInt() + " is more than max_replicas " + max.asInt());
        }
        double target =
                unit(node, path, "target_cpu_utilization", Units::percentage).orElse(0.7);
        Optional<Double> memory = unit(node, path, "target_memory_utilization", Units::percentage);
        Optional<Double> up = unit(node, path, "scale_up_threshold", Units::percentage);
        Optional<Double> down = unit(node, path, "scale_down_threshold", Units::percentage);
        if (up.isPresent() && down.isPresent() && down.get() >= up.get()) {
            problem(
                    node.path("scale_down_threshold"),
                    FieldPath.child(path, "scale_down_threshold"),
                    "scale_down_threshold must be below scale_up_threshold");
        }
        if (problems.isEmpty()) {
            return new Scaling(
                    min.asInt(),
                    max.asInt(),
                    target,
                    memory.map(OptionalDouble::of).orElse(OptionalDouble.empty()),
                    up.orElseThrow(),
                    down.orElseThrow());
        }
        return null;
    }

    private Resources resources(JsonNode node, String path) {
        Bounds<Double> cpu = bounds(node.path("cpu"), FieldPath.child(path, "cpu"), Units::cpu, v -> v + " cores");
        Bounds<Long> memory =
                bounds(node.path("memory"), FieldPath.child(path, "memory"), Units::memory, v -> v + " bytes");
        return cpu == null || memory == null ? null : new Resources(cpu, memory);
    }

    private <T extends Comparable<T>> Bounds<T> bounds(
            JsonNode node, String path, Function<String, T> parse, Function<T, String> show) {
        Map<String, Optional<T>> values = new LinkedHashMap<>();
        for (String key : List.of("min", "target", "max", "request", "limit")) {
            values.put(key, unit(node, path, key, parse));
        }
        List<String> chain = List.of("min", "target", "max");
        String previous = null;
        for (String key : chain) {
            if (values.get(key).isEmpty()) {
                continue;
            }
            if (previous != null
                    && values.get(previous)
                                    .orElseThrow()
                                    .compareTo(values.get(key).orElseThrow())
                            > 0) {
                problem(
                        node.path(previous),
                        FieldPath.child(path, previous),
                        previous + " (" + show.apply(values.get(previous).orElseThrow()) + ") is more than " + key
                                + " (" + show.apply(values.get(key).orElseThrow()) + ")");
            }
            previous = key;
        }
        Optional<T> request = values.get("request");
        Optional<T> limit = values.get("limit");
        if (request.isPresent() && limit.isPresent() && request.get().compareTo(limit.get()) > 0) {
            problem(
                    node.path("request"),
                    FieldPath.child(path, "request"),
                    "request (" + show.apply(request.get()) + ") is more than limit (" + show.apply(limit.get()) + ")");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Bounds<>(values.get("min"), values.get("target"), values.get("max"), request, limit);
    }

    private PerformanceTargets performance(JsonNode node, String path) {
        Optional<Duration> p50 = unit(node, path, "latency_target_p50", Units::latency);
        Optional<Duration> p95 = unit(node, path, "latency_target_p95", Units::latency);
        Optional<Duration> p99 = unit(node, path, "latency_target_p99", Units::latency);
        Optional<Double> errors = unit(node, path, "error_rate_threshold", Units::percentage);
        return new PerformanceTargets(
                p50, p95, p99, errors.map(OptionalDouble::of).orElse(OptionalDouble.empty()));
    }

    private GovernanceRules governance(JsonNode node, String path) {
        String authorityPath = FieldPath.child(path, "agent_authority");
        JsonNode authority = node.path("agent_authority");
        Map<String, Position> allowed = operations(authority.path("allowed_operations"));
        Map<String, Position> forbidden = operations(authority.path("forbidden_operations"));
        List<ApprovalRule> approvals = new ArrayList<>();
        Map<String, Position> approvalOps = new LinkedHashMap<>();
        JsonNode rules = authority.path("requires_approval");
        for (int i = 0; rules.isArray() && i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            Optional<String> operation = text(rule.path("operation"));
            List<String> approvers = new ArrayList<>();
            rule.path("approvers").forEach(a -> text(a).ifPresent(approvers::add));
            if (operation.isPresent()) {
                approvalOps.putIfAbsent(operation.get(), Position.of(rule.path("operation")));
                if (!operation.get().isBlank() && !approvers.isEmpty()) {
                    approvals.add(new ApprovalRule(
                            operation.get(), text(rule.path("condition")).orElse(""), approvers));
                }
            }
        }
        JsonNode forbiddenList = authority.path("forbidden_operations");
        for (int i = 0; forbiddenList.isArray() && i < forbiddenList.size(); i++) {
            JsonNode op = forbiddenList.get(i);
            Optional<String> name = text(op);
            if (name.isEmpty()) {
                continue;
            }
            String field = FieldPath.index(FieldPath.child(authorityPath, "forbidden_operations"), i);
            Position alsoAllowed = allowed.get(name.get());
            if (alsoAllowed != null) {
                problem(
                        op,
                        field,
                        "'" + FieldPath.abbreviate(name.get()) + "' is both allowed (line " + alsoAllowed.line()
                                + ") and forbidden; remove it from one of the lists");
            }
            Position alsoApproval = approvalOps.get(name.get());
            if (alsoApproval != null) {
                problem(
                        op,
                        field,
                        "'" + FieldPath.abbreviate(name.get()) + "' is both under requires_approval (line "
                                + alsoApproval.line() + ") and forbidden; remove it from one of the lists");
            }
        }
        return new GovernanceRules(allowed.keySet(), approvals, forbidden.keySet());
    }

    private Map<String, Position> operations(JsonNode list) {
        Map<String, Position> out = new LinkedHashMap<>();
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            JsonNode op = list.get(i);
            text(op).ifPresent(name -> out.putIfAbsent(name, Position.of(op)));
        }
        return out;
    }

    private Verification verification(JsonNode node, String path) {
        if (node.isMissingNode()) {
            return Verification.disabled();
        }
        Optional<Duration> period = unit(node, path, "stabilization_period", Units::duration);
        if (period.isPresent() && period.get().isZero()) {
            problem(
                    node.path("stabilization_period"),
                    FieldPath.child(path, "stabilization_period"),
                    "stabilization_period must be more than zero, e.g. 60s");
        }
        List<VerificationCheck> checks = new ArrayList<>();
        JsonNode list = node.path("checks");
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            JsonNode check = list.get(i);
            String checkPath = FieldPath.index(FieldPath.child(path, "checks"), i);
            Optional<VerificationCheck.Target> target =
                    unit(check, checkPath, "target", VerificationCheck.Target::parse);
            Optional<String> metric = text(check.path("name"));
            if (target.isPresent() && metric.isPresent() && !metric.get().isBlank()) {
                checks.add(new VerificationCheck(
                        metric.get(),
                        target.get().comparison(),
                        target.get().value(),
                        flag(check.path("critical"), false),
                        flag(check.path("rollback_trigger"), false)));
            }
        }
        JsonNode rollback = node.path("rollback");
        Rollback onFailure = new Rollback(
                flag(rollback.path("enabled"), true),
                flag(rollback.path("automatic"), false),
                flag(rollback.path("trigger_on_critical_failure"), false));
        if (!problems.isEmpty()) {
            return null;
        }
        return new Verification(
                flag(node.path("enabled"), true), period.orElse(Duration.ofSeconds(60)), checks, onFailure);
    }

    /**
     * Parses {@code parent.key} with {@code parse} when it is a text or a number (numbers as written,
     * so that {@code 70} is refused as a percentage); empty when absent, of another shape (the schema
     * reports it) or refused (reported here, at the value).
     */
    private <T> Optional<T> unit(JsonNode parent, String path, String key, Function<String, T> parse) {
        JsonNode node = parent.path(key);
        if (!(node.isString() || node.isNumber())) {
            return Optional.empty();
        }
        String field = FieldPath.child(path, key);
        try {
            return Optional.of(parse.apply(node.isString() ? node.asString() : node.toString()));
        } catch (IllegalArgumentException e) {
            explainedFields.add(field);
            problem(node, field, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isString() ? Optional.of(node.asString()) : Optional.empty();
    }

    private static boolean flag(JsonNode node, boolean absent) {
        return node.isBoolean() ? node.asBoolean() : absent;
    }

    private void problem(JsonNode at, String field, String message) {
        Position p = Position.of(at);
        problems.add(new ConfigProblem(source, p.line(), p.column(), field, message));
    }
}
