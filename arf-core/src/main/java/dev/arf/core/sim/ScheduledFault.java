package dev.arf.core.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault a scenario injects {@code at} this long after it starts and, when {@code lasting} is given,
 * clears again that long after injecting it (a surge that passes, a network that is repaired); a
 * fault without an end lasts until an action removes it or the scenario ends.
 */
public record ScheduledFault(Duration at, Fault fault, Optional<Duration> lasting) {
    public ScheduledFault {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(lasting, "lasting");
        if (at.isNegative()) {
            throw new IllegalArgumentException("at: must not be negative, got " + at);
        }
        if (lasting.isPresent() && !lasting.get().isPositive()) {
            throw new IllegalArgumentException("lasting: must be positive, got " + lasting.get());
        }
    }

    /** A fault with no end of its own. */
    public ScheduledFault(Duration at, Fault fault) {
        this(at, fault, Optional.empty());
    }

    /** When the fault ends by itself, measured from the scenario's start. */
    public Optional<Duration> endsAt() {
        return lasting.map(at::plus);
    }
}
