package dev.arf.core.blueprint;

import java.util.Objects;

/**
 * Who the blueprint is for.
 *
 * @param name the service name (for a global blueprint, the name of the rule set)
 * @param version the blueprint's own version, e.g. {@code 1.0.0}, recorded with every decision
 */
public record BlueprintMetadata(String name, String version, Priority priority, Criticality criticality) {
    public BlueprintMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(criticality, "criticality");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
    }
}
