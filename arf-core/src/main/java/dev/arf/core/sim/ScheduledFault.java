package dev.arf.core.sim;

import java.time.Duration;
import java.util.Objects;

/** A fault a scenario injects {@code at} this long after it starts. */
public record ScheduledFault(Duration at, Fault fault) {
    public ScheduledFault {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(fault, "fault");
        if (at.isNegative()) {
            throw new IllegalArgumentException("at: must not be negative, got " + at);
        }
    }
}
