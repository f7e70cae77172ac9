package dev.arf.core.blueprint;

import java.util.Objects;

/**
 * Governance rules that apply to every service of an environment, in addition to each service's own
 * (see {@link ServiceBlueprint#governedBy}). Written as a blueprint with {@code kind: GlobalBlueprint}.
 */
public record GlobalBlueprint(BlueprintMetadata metadata, Environment environment, GovernanceRules governance)
        implements Blueprint {
    public GlobalBlueprint {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(governance, "governance");
    }
}
