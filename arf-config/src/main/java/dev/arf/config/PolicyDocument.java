package dev.arf.config;

import java.util.List;

/**
 * The edge DTOs a policy file binds to (snake_case keys), only ever bound from a tree that passed the
 * schema. Mapped to core records by {@link PolicyMapper}.
 */
record PolicyDocument(List<PolicyDto> policies) {
    record PolicyDto(
            String name,
            String description,
            List<String> services,
            List<String> causes,
            List<ConditionDto> conditions,
            List<String> actions,
            int priority,
            long coolDownSeconds,
            int maxExecutionsPerHour,
            Boolean enabled) {}

    record ConditionDto(String metric, String operator, double threshold) {}
}
