package dev.arf.lab.chaos;

import java.time.Duration;
import java.util.List;

/**
 * A run of the healthy fleet with no fault: every incident is a false positive.
 *
 * @param openedPerHour incidents opened in each hour of the run
 * @param hourWithIncident per hour: whether an incident was open at any moment of it
 * @param incidents each incident as {@code service at 5h12m}
 * @param actionsExecuted changes ARF made (alerts not counted)
 * @param actionsRefused actions governance refused
 */
public record SoakResult(
        Duration length,
        long seed,
        List<Integer> openedPerHour,
        List<Boolean> hourWithIncident,
        List<String> incidents,
        int actionsExecuted,
        int actionsRefused) {
    public SoakResult {
        openedPerHour = List.copyOf(openedPerHour);
        hourWithIncident = List.copyOf(hourWithIncident);
        incidents = List.copyOf(incidents);
    }

    public int hours() {
        return hourWithIncident.size();
    }

    public long hoursWithIncident() {
        return hourWithIncident.stream().filter(b -> b).count();
    }
}
