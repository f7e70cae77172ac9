package dev.arf.core.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one scenario run, measured against the moment the fault was injected.
 *
 * @param timeToDetect fault injection → first incident opened (MTTD)
 * @param timeToResolve fault injection → last incident resolved (MTTR); empty if still open at the
 *     end
 * @param diagnosedCause the cause the Diagnostician named for the first incident
 */
public record ScenarioReport(
        String scenario,
        long seed,
        Instant faultInjectedAt,
        Optional<Duration> timeToDetect,
        Optional<Duration> timeToResolve,
        String expectedCause,
        String diagnosedCause,
        int incidentsOpened,
        int incidentsResolved,
        List<String> actionsExecuted,
        int actionsRefusedOrFailed,
        long eventsProcessed,
        List<String> incidentIds) {

    public ScenarioReport {
        actionsExecuted = List.copyOf(actionsExecuted);
        incidentIds = List.copyOf(incidentIds);
    }

    public boolean detected() {
        return timeToDetect.isPresent();
    }

    public boolean resolved() {
        return timeToResolve.isPresent();
    }
}
