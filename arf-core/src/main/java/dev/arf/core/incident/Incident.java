package dev.arf.core.incident;

import dev.arf.core.detect.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An incident as people see it: one per fingerprint while open, with everything that happened on
 * its timeline.
 *
 * @param impactStartedAt when the service first looked abnormal (the first sample of the episode)
 * @param detectedAt when ARF declared the anomaly (MTTD = detectedAt − impactStartedAt)
 * @param resolvedAt when the service had been healthy long enough (MTTR = resolvedAt −
 *     impactStartedAt); null while open
 * @param cause the diagnostician's cause category, {@code unknown} when it would only be a guess
 */
public record Incident(
        String id,
        String fingerprint,
        String service,
        String title,
        Severity severity,
        IncidentState state,
        Instant impactStartedAt,
        Instant detectedAt,
        Instant resolvedAt,
        String cause,
        List<TimelineEntry> timeline) {

    public Incident {
        timeline = List.copyOf(timeline);
    }

    public Optional<Duration> timeToDetect() {
        return Optional.of(Duration.between(impactStartedAt, detectedAt));
    }

    public Optional<Duration> timeToResolve() {
        return Optional.ofNullable(resolvedAt).map(r -> Duration.between(impactStartedAt, r));
    }

    /** This incident with another timeline. */
    public Incident withTimeline(List<TimelineEntry> entries) {
        return new Incident(
                id,
                fingerprint,
                service,
                title,
                severity,
                state,
                impactStartedAt,
                detectedAt,
                resolvedAt,
                cause,
                entries);
    }

    public Incident withSeverity(Severity newSeverity) {
        return new Incident(
                id,
                fingerprint,
                service,
                title,
                newSeverity,
                state,
                impactStartedAt,
                detectedAt,
                resolvedAt,
                cause,
                timeline);
    }

    /** This incident with a diagnosed cause and the title that names it. */
    public Incident withCause(String newCause, String newTitle) {
        return new Incident(
                id,
                fingerprint,
                service,
                newTitle,
                severity,
                state,
                impactStartedAt,
                detectedAt,
                resolvedAt,
                newCause,
                timeline);
    }

    /** This incident in another state; {@code resolvedAt} is kept unless the new state is resolved. */
    public Incident withState(IncidentState newState, Instant at) {
        return new Incident(
                id,
                fingerprint,
                service,
                title,
                severity,
                newState,
                impactStartedAt,
                detectedAt,
                newState == IncidentState.RESOLVED ? at : resolvedAt,
                cause,
                timeline);
    }
}
