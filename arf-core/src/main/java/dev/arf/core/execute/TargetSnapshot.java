package dev.arf.core.execute;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a target looked like just before an action, taken by its actuator so that verification can
 * put it back. Keys are the actuator's vocabulary; {@value #REPLICAS} and {@value #REVISION} are
 * understood by {@link Reverts}.
 */
public record TargetSnapshot(String target, Map<String, String> state, Instant takenAt) {
    public static final String REPLICAS = "replicas";
    public static final String REVISION = "revision";

    public TargetSnapshot {
        Objects.requireNonNull(target, "target");
        state = Map.copyOf(state);
        Objects.requireNonNull(takenAt, "takenAt");
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(state.get(key));
    }
}
