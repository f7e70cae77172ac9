package dev.arf.config;

import dev.arf.core.policy.HealingAction;
import dev.arf.core.policy.HealingPolicy;
import dev.arf.core.policy.PolicyCondition;
import dev.arf.core.telemetry.Operator;
import java.time.Duration;
import java.util.List;

/** Maps validated DTOs to core records. */
final class PolicyMapper {
    private PolicyMapper() {}

    /**
     * @throws IllegalArgumentException when a core record refuses a value the schema let through
     *     (the schema and the records are kept in step by tests, so this means a bug)
     */
    static HealingPolicy toPolicy(PolicyDocument.PolicyDto dto) {
        List<PolicyCondition> conditions = dto.conditions().stream()
                .map(c -> new PolicyCondition(
                        c.metric(),
                        Operator.byKey(c.operator())
                                .orElseThrow(() -> new IllegalArgumentException("operator: " + c.operator())),
                        c.threshold()))
                .toList();
        List<HealingAction> actions = dto.actions().stream()
                .map(a -> HealingAction.byKey(a).orElseThrow(() -> new IllegalArgumentException("action: " + a)))
                .toList();
        return new HealingPolicy(
                dto.name(),
                conditions,
                actions,
                dto.priority(),
                Duration.ofSeconds(dto.coolDownSeconds()),
                dto.maxExecutionsPerHour(),
                dto.enabled() == null || dto.enabled(),
                dto.services() == null ? List.of() : dto.services(),
                dto.causes() == null ? List.of() : dto.causes());
    }
}
