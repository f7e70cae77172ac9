package dev.arf.config;

import dev.arf.core.policy.PolicyCondition;
import dev.arf.core.policy.PolicyContext;
import dev.arf.core.telemetry.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The checks a JSON Schema cannot express, run on the tree whether or not it passed the schema so
 * that all problems come out together: unique policy names, and metric keys that exist.
 */
final class PolicySemantics {
    /** {@code custom:} followed by the custom metric's name as services report it. */
    static final Pattern CUSTOM_METRIC =
            Pattern.compile(Pattern.quote(PolicyContext.CUSTOM_PREFIX) + "[A-Za-z0-9_.:/-]{1,128}");

    private static final String STANDARD =
            Arrays.stream(Metric.values()).map(Metric::key).collect(Collectors.joining(", "));

    private PolicySemantics() {}

    static boolean isKnownMetric(String key) {
        return Metric.byKey(key).isPresent()
                || PolicyCondition.ANOMALY_CONFIDENCE.equals(key)
                || CUSTOM_METRIC.matcher(key).matches();
    }

    /** Larger magnitudes are refused: no metric threshold or setting needs them. */
    static final double MAX_MAGNITUDE = 1e15;

    static List<ConfigProblem> check(JsonNode tree, String source) {
        List<ConfigProblem> problems = new ArrayList<>();
        numbersInRange(tree, FieldPath.DOCUMENT, source, problems);
        JsonNode policies = tree.path("policies");
        if (!policies.isArray()) {
            return problems;
        }
        Map<String, Position> names = new HashMap<>();
        for (int i = 0; i < policies.size(); i++) {
            JsonNode policy = policies.get(i);
            String path = FieldPath.index("policies", i);
            JsonNode name = policy.path("name");
            if (name.isString()) {
                Position at = Position.of(name);
                Position first = names.putIfAbsent(name.asString(), at);
                if (first != null) {
                    problems.add(new ConfigProblem(
                            source,
                            at.line(),
                            at.column(),
                            FieldPath.child(path, "name"),
                            "duplicate policy name '" + FieldPath.abbreviate(name.asString()) + "' (first used at line "
                                    + first.line() + ")"));
                }
            }
            JsonNode conditions = policy.path("conditions");
            for (int j = 0; conditions.isArray() && j < conditions.size(); j++) {
                JsonNode metric = conditions.get(j).path("metric");
                if (metric.isString() && !isKnownMetric(metric.asString())) {
                    Position at = Position.of(metric);
                    problems.add(new ConfigProblem(
                            source,
                            at.line(),
                            at.column(),
                            FieldPath.child(FieldPath.index(FieldPath.child(path, "conditions"), j), "metric"),
                            "unknown metric '" + FieldPath.abbreviate(metric.asString()) + "'; use one of " + STANDARD
                                    + ", " + PolicyCondition.ANOMALY_CONFIDENCE + ", or custom:<name>"));
                }
            }
        }
        return problems;
    }

    /**
     * Finds numbers beyond {@link #MAX_MAGNITUDE}. Besides being meaningless here, such numbers make
     * the schema validator itself fail (networknt 3.0.9's minimum check converts 1e81 to a long).
     */
    static void numbersInRange(JsonNode node, String path, String source, List<ConfigProblem> problems) {
        if (node.isNumber()) {
            double v = node.asDouble();
            if (!Double.isFinite(v) || Math.abs(v) > MAX_MAGNITUDE) {
                Position at = Position.of(node);
                problems.add(new ConfigProblem(
                        source, at.line(), at.column(), path, "number out of range: at most 1e15 in magnitude"));
            }
        } else if (node.isObject()) {
            for (var e : node.properties()) {
                numbersInRange(e.getValue(), FieldPath.child(path, e.getKey()), source, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                numbersInRange(node.get(i), FieldPath.index(path, i), source, problems);
            }
        }
    }
}
