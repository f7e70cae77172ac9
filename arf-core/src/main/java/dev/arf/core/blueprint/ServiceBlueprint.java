package dev.arf.core.blueprint;

import java.util.Objects;

/** How one service in one environment scales, what it needs, what agents may do, and how to verify. */
public record ServiceBlueprint(
        BlueprintMetadata metadata,
        Environment environment,
        Scaling scaling,
        Resources resources,
        PerformanceTargets performance,
        GovernanceRules governance,
        Verification verification)
        implements Blueprint {
    public ServiceBlueprint {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(performance, "performance");
        Objects.requireNonNull(governance, "governance");
        Objects.requireNonNull(verification, "verification");
    }

    /** The rules that govern this service: its own together with the global ones. */
    public GovernanceRules governedBy(GlobalBlueprint global) {
        return global.environment() == environment ? governance.and(global.governance()) : governance;
    }
}
