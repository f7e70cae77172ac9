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
}
