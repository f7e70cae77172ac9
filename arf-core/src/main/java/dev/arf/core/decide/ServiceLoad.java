package dev.arf.core.decide;

import java.time.Instant;
import java.util.Objects;

/**
 * What the decision engine knows about a service at one moment.
 *
 * @param cpu utilisation in [0, 1]
 * @param memory utilisation in [0, 1], NaN when not reported
 * @param latencyP95 milliseconds, NaN when not reported
 */
public record ServiceLoad(String service, int replicas, double cpu, double memory, double latencyP95, Instant at) {
    public ServiceLoad {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(at, "at");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative");
        }
        if (!(cpu >= 0 && cpu <= 1)) {
            throw new IllegalArgumentException("cpu utilisation must be in [0, 1], was " + cpu);
        }
    }
}
