package dev.arf.core.agents;

import java.util.Optional;

/** The Diagnostician's cause categories; {@link #UNKNOWN} when the evidence does not single one out. */
public enum Cause {
    DEPENDENCY_FAILURE("dependency_failure", "Database/External Dependency Failure"),
    DATABASE_FAILURE("database_failure", "Database Failure"),
    RESOURCE_EXHAUSTION("resource_exhaustion", "Resource Exhaustion"),
    TRAFFIC_SURGE("traffic_surge", "Traffic Surge"),
    MEMORY_LEAK("memory_leak", "Memory Leak"),
    BAD_DEPLOY("bad_deploy", "Bad Deploy"),
    NETWORK_PARTITION("network_partition", "Network Partition"),
    UNKNOWN("unknown", "Unknown");

    private final String key;
    private final String title;

    Cause(String key, String title) {
        this.key = key;
        this.title = title;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public static Optional<Cause> byKey(String key) {
        for (Cause c : values()) {
            if (c.key.equals(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
