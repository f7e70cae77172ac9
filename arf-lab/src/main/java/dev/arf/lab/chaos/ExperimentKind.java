package dev.arf.lab.chaos;

import java.util.Arrays;
import java.util.Optional;

/** What a chaos experiment breaks; the keys are the {@code fault.type} values of experiment files. */
public enum ExperimentKind {
    LATENCY_INJECTION("latency_injection"),
    ERROR_INJECTION("error_injection"),
    RESOURCE_EXHAUSTION("resource_exhaustion"),
    INSTANCE_KILL("instance_kill"),
    NETWORK_PARTITION("network_partition"),
    DEPENDENCY_FAILURE("dependency_failure");

    private final String key;

    ExperimentKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<ExperimentKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
