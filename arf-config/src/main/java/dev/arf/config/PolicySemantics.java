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

    static List<ConfigProblem> check(JsonNode tree, String source) {
        List<ConfigProblem> problems = new ArrayList<>();
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
}
