package dev.arf.lab.chaos;

import java.time.Duration;
import java.util.Objects;

/**
 * One line of an experiment's timeline.
 *
 * @param offset since the run started (virtual time)
 * @param type what happened: {@code INJECTED}, {@code DETECTED}, {@code ACTION_EXECUTED}, {@code
 *     ACTION_REFUSED}, {@code RECOVERED}, {@code ABORTED}, ...
 */
public record Moment(Duration offset, String type, String text) {
    public Moment {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
    }
}
