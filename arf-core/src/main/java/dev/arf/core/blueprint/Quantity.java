package dev.arf.core.blueprint;

import java.time.Duration;
import java.util.Objects;

/** A parsed value a verification check compares a metric with. */
public sealed interface Quantity {
    /** @param fraction in [0, 1]; written as a percentage */
    record Percentage(double fraction) implements Quantity {
        public Percentage {
            Scaling.fraction("percentage", fraction);
        }
    }

    /** A time, e.g. a latency. */
    record Time(Duration duration) implements Quantity {
        public Time {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("a time must not be negative");
            }
        }
    }

    /**
     * {@code 1%} → a percentage, {@code 200ms} / {@code 2s} / {@code 5m} → a time (in check targets
     * {@code m} means minutes).
     */
    static Quantity parse(String text) {
        if (text != null && text.endsWith("%")) {
            return new Percentage(Units.percentage(text));
        }
        try {
            return new Time(Units.duration(text));
        } catch (IllegalArgumentException e) {
            String shown = text == null ? "nothing" : "'" + text + "'";
            throw new IllegalArgumentException(shown + " is not a percentage or a duration; write e.g. 1% or 200ms", e);
        }
    }
}
