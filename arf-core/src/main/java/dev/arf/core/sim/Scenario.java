package dev.arf.core.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A scripted incident: a fleet, how long to run it, and which faults strike when.
 *
 * @param step telemetry interval ({@link #DEFAULT_STEP} unless given)
 * @param faults in the order they strike
 * @param expectedCause the cause category a correct diagnosis names (e.g. {@code memory_leak}),
 *     for tests and the demo's scorecard
 */
public record Scenario(
        String name,
        String title,
        String description,
        List<ServiceSpec> fleet,
        Duration duration,
        Duration step,
        List<ScheduledFault> faults,
        String expectedCause) {

    public static final Duration DEFAULT_STEP = Duration.ofSeconds(15);

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        fleet = List.copyOf(fleet);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(expectedCause, "expectedCause");
        List<ScheduledFault> sorted = new ArrayList<>(faults);
        sorted.sort(Comparator.comparing(ScheduledFault::at));
        faults = List.copyOf(sorted);
        if (step.isNegative() || step.isZero() || duration.compareTo(step) < 0) {
            throw new IllegalArgumentException(
                    name + ": need 0 < step <= duration, got step " + step + ", duration " + duration);
        }
    }

    public Scenario(
            String name,
            String title,
            String description,
            List<ServiceSpec> fleet,
            Duration duration,
            List<ScheduledFault> faults,
            String expectedCause) {
        this(name, title, description, fleet, duration, DEFAULT_STEP, faults, expectedCause);
    }

    /** Number of ticks in a full run. */
    public long ticks() {
        return duration.dividedBy(step);
    }

    /** A fresh run of this scenario on its own fleet, starting at {@code start}. */
    public ScenarioRun start(Instant start, long seed) {
        return new ScenarioRun(this, new Fleet(fleet, start, seed));
    }
}
