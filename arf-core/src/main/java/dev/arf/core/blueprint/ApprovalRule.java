package dev.arf.core.blueprint;

import java.util.List;
import java.util.Objects;

/**
 * An operation that needs a person's approval.
 *
 * @param condition when the rule applies, as written (e.g. {@code target_replicas > max_replicas}); for
 *     people and the audit trail, not evaluated here; empty means always
 * @param approvers who may approve, at least one
 */
public record ApprovalRule(String operation, String condition, List<String> approvers) {
    public ApprovalRule {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(condition, "condition");
        approvers = List.copyOf(approvers);
        if (operation.isBlank()) {
            throw new IllegalArgumentException("operation must not be blank");
        }
        if (approvers.isEmpty()) {
            throw new IllegalArgumentException("an approval rule needs at least one approver");
        }
    }
}
