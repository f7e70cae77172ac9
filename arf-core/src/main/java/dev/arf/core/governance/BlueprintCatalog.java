package dev.arf.core.governance;

import dev.arf.core.blueprint.Blueprint;
import dev.arf.core.blueprint.GlobalBlueprint;
import dev.arf.core.blueprint.ServiceBlueprint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The blueprints in force, by service; the global blueprint applies to services of its environment. */
public record BlueprintCatalog(Map<String, ServiceBlueprint> services, Optional<GlobalBlueprint> global)
        implements BlueprintSource {
    public BlueprintCatalog {
        services = Map.copyOf(services);
    }

    /**
     * From loaded blueprints. One service blueprint per service (for the environment this ARF governs)
     * and at most one global blueprint.
     *
     * @throws IllegalArgumentException on a second blueprint for a service or a second global one
     */
    public static BlueprintCatalog of(List<Blueprint> blueprints) {
        Map<String, ServiceBlueprint> services = blueprints.stream()
                .filter(ServiceBlueprint.class::isInstance)
                .map(ServiceBlueprint.class::cast)
                .collect(Collectors.toMap(b -> b.metadata().name(), Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException(
                            "two blueprints for service " + a.metadata().name());
                }));
        List<GlobalBlueprint> globals = blueprints.stream()
                .filter(GlobalBlueprint.class::isInstance)
                .map(GlobalBlueprint.class::cast)
                .toList();
        if (globals.size() > 1) {
            throw new IllegalArgumentException("more than one global blueprint");
        }
        return new BlueprintCatalog(services, globals.stream().findFirst());
    }

    /** No blueprints: nothing may act (the Guardian refuses every change to an unknown service). */
    public static BlueprintCatalog empty() {
        return new BlueprintCatalog(Map.of(), Optional.empty());
    }

    @Override
    public BlueprintCatalog current() {
        return this;
    }

    public Optional<ServiceBlueprint> blueprint(String service) {
        return Optional.ofNullable(services.get(service));
    }
}
