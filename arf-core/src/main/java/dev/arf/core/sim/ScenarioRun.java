package dev.arf.core.sim;

import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One playthrough of a {@link Scenario}: each {@link #step} injects the faults that are due and
 * ticks the fleet once. The fleet is exposed so that an engine can apply actions between steps.
 * Not thread-safe.
 */
public final class ScenarioRun {
    private final Scenario scenario;
    private final Fleet fleet;
    private final Instant start;
    private int nextFault;
    private long ticks;

    ScenarioRun(Scenario scenario, Fleet fleet) {
        this.scenario = scenario;
        this.fleet = fleet;
        this.start = fleet.now();
    }

    public Scenario scenario() {
        return scenario;
    }

    public Fleet fleet() {
        return fleet;
    }

    /** Virtual time since the start. */
    public Duration elapsed() {
        return Duration.between(start, fleet.now());
    }

    public boolean finished() {
        return ticks >= scenario.ticks();
    }

    /**
     * Injects every fault due by now, then advances one step.
     *
     * @throws NoSuchElementException once the scenario's duration has been played
     */
    public List<TelemetryEvent> step() {
        if (finished()) {
            throw new NoSuchElementException(scenario.name() + " has finished after " + scenario.duration());
        }
        Duration elapsed = elapsed();
        List<ScheduledFault> faults = scenario.faults();
        while (nextFault < faults.size() && faults.get(nextFault).at().compareTo(elapsed) <= 0) {
            fleet.inject(faults.get(nextFault++).fault());
        }
        for (int i = 0; i < nextFault; i++) {
            ScheduledFault f = faults.get(i);
            if (f.endsAt().filter(end -> end.compareTo(elapsed) <= 0).isPresent()) {
                fleet.clear(f.fault());
            }
        }
        ticks++;
        return fleet.tick(scenario.step());
    }

    /** Plays the rest of the scenario, returning every event in order. */
    public List<TelemetryEvent> runToEnd() {
        List<TelemetryEvent> all = new ArrayList<>();
        while (!finished()) {
            all.addAll(step());
        }
        return all;
    }
}
