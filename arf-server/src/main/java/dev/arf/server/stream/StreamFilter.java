package dev.arf.server.stream;

import java.util.Set;

/** Which events a subscriber wants: services and stream names; an empty set means every one. */
public record StreamFilter(Set<String> services, Set<String> types) {
    public static final StreamFilter ALL = new StreamFilter(Set.of(), Set.of());

    public StreamFilter {
        services = Set.copyOf(services);
        types = Set.copyOf(types);
    }

    public boolean matches(StreamEvent event) {
        return (services.isEmpty() || services.contains(event.service()))
                && (types.isEmpty() || types.contains(event.name()));
    }
}
