package dev.arf.core.blueprint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The agent authority of a blueprint: which operations may run alone, which need approval, and which
 * never run. An operation may appear in more than one list (e.g. after {@link #and combining} with
 * global rules); {@link #tierOf} then takes the strictest: forbidden, then approval, then allowed.
 */
public record GovernanceRules(Set<String> allowed, List<ApprovalRule> requiresApproval, Set<String> forbidden) {
    public GovernanceRules {
        allowed = Set.copyOf(new LinkedHashSet<>(allowed));
        requiresApproval = List.copyOf(requiresApproval);
        forbidden = Set.copyOf(new LinkedHashSet<>(forbidden));
    }

    /** Nothing allowed: every operation is {@link Tier#NOT_ALLOWED}. */
    public static GovernanceRules none() {
        return new GovernanceRules(Set.of(), List.of(), Set.of());
    }

    /**
     * The tier of {@code operation}. Forbidden wins over everything; an operation under an approval
     * rule needs approval even if also allowed; an operation in no list is {@link Tier#NOT_ALLOWED},
     * never autonomous.
     */
    public Tier tierOf(String operation) {
        Objects.requireNonNull(operation, "operation");
        if (forbidden.contains(operation)) {
            return Tier.FORBIDDEN;
        }
        if (requiresApproval.stream().anyMatch(r -> r.operation().equals(operation))) {
            return Tier.REQUIRES_APPROVAL;
        }
        return allowed.contains(operation) ? Tier.AUTONOMOUS : Tier.NOT_ALLOWED;
    }

    /** The approval rules for {@code operation}, in file order (empty when none). */
    public List<ApprovalRule> approvalRulesFor(String operation) {
        return requiresApproval.stream()
                .filter(r -> r.operation().equals(operation))
                .toList();
    }

    /**
     * These rules together with {@code other} (e.g. a global blueprint's): the union of every list,
     * so that whatever either forbids stays forbidden and whatever either puts under approval needs it.
     */
    public GovernanceRules and(GovernanceRules other) {
        Set<String> a = new LinkedHashSet<>(allowed);
        a.addAll(other.allowed);
        List<ApprovalRule> r = new ArrayList<>(requiresApproval);
        r.addAll(other.requiresApproval);
        Set<String> f = new LinkedHashSet<>(forbidden);
        f.addAll(other.forbidden);
        return new GovernanceRules(a, r, f);
    }
}
