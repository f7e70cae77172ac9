package dev.arf.config;

import dev.arf.core.policy.HealingPolicy;
import java.util.List;
import java.util.Objects;

/**
 * The policies of one valid policy file, in file order.
 *
 * @param source the file they came from
 */
public record LoadedPolicies(String source, List<HealingPolicy> policies) {
    public LoadedPolicies {
        Objects.requireNonNull(source, "source");
        policies = List.copyOf(policies);
    }
}
