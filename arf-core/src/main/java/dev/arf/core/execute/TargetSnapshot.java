package dev.arf.core.execute;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a target looked like just before an action, taken by its actuator so that verification can
 * put it back. Keys are the actuator's vocabulary; {@value #REPLICAS}, {@value #REVISION},
 * {@value #MEMORY} and {@value #CPU} are understood by {@link Reverts}.
 */
public record TargetSnapshot(String target, Map<String, String> state, Instant takenAt) {
    public static final String REPLICAS = "replicas";
    public static final String REVISION = "revision";
    /** A memory request as written in a blueprint, e.g. {@code 512Mi}. */
    public static final String MEMORY = "memory";
    /** A CPU request as written in a blueprint, e.g. {@code 500m}. */
    public static final String CPU = "cpu";

    public TargetSnapshot {
        Objects.requireNonNull(target, "target");
        state = Map.copyOf(state);
        Objects.requireNonNull(takenAt, "takenAt");
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(state.get(key));
    }
}
