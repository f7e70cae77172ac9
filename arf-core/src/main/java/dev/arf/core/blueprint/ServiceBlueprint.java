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

    /**
     * This blueprint with a new maximum of replicas (seed 002 use case 2: an approved scale beyond the
     * limits becomes the new limit), its patch version bumped.
     */
    public ServiceBlueprint withMaxReplicas(int max) {
        Scaling s = new Scaling(
                Math.min(scaling.minReplicas(), max),
                max,
                scaling.targetCpuUtilization(),
                scaling.targetMemoryUtilization(),
                scaling.scaleUpThreshold(),
                scaling.scaleDownThreshold());
        BlueprintMetadata m = new BlueprintMetadata(
                metadata.name(), nextPatch(metadata.version()), metadata.priority(), metadata.criticality());
        return new ServiceBlueprint(m, environment, s, resources, performance, governance, verification);
    }

    private static String nextPatch(String version) {
        int dot = version.lastIndexOf('.');
        try {
            return version.substring(0, dot + 1) + (Integer.parseInt(version.substring(dot + 1)) + 1);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return version + ".1";
        }
    }

    /** The rules that govern this service: its own together with the global ones. */
    public GovernanceRules governedBy(GlobalBlueprint global) {
        return global.environment() == environment ? governance.and(global.governance()) : governance;
    }
}
