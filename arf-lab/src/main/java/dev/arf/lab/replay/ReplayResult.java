package dev.arf.lab.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What ARF's engine did with one replayed timeline.
 *
 * @param impactAt the virtual instant of customer impact
 * @param detection the analysis of the event that opened ARF's first incident
 * @param incidentOpenedAt that incident's detection time as the engine recorded it
 * @param diagnosis the first analysis that named a cause (often a little after detection)
 * @param last the last anomalous analysis of the replay (business impact by the end)
 * @param incidents the incidents the engine opened, in order
 * @param openedDuringLeadIn how many of them opened during the steady lead-in: false alarms
 * @param samples every event fed to the engine
 */
public record ReplayResult(
        OutageTimeline timeline,
        ReplaySettings settings,
        Instant impactAt,
        Optional<Finding> detection,
        Optional<Instant> incidentOpenedAt,
        Optional<Finding> diagnosis,
        Optional<Finding> last,
        List<String> incidents,
        int openedDuringLeadIn,
        List<ReplayedSample> samples) {

    public ReplayResult {
        incidents = List.copyOf(incidents);
        samples = List.copyOf(samples);
    }

    /** How ARF's detection compares with customer impact. */
    public enum Verdict {
        BEFORE_IMPACT,
        AT_IMPACT,
        LATE,
        NOT_DETECTED,
        /** ARF's first incident opened during the steady lead-in, before anything went wrong. */
        FALSE_ALARM
    }

    /**
     * Minutes from customer impact to the engine's incident-open time (negative = before impact);
     * empty when ARF opened no incident.
     */
    public OptionalDouble detectionMinute() {
        return incidentOpenedAt
                .map(at -> OptionalDouble.of(Duration.between(impactAt, at).toMillis() / 60_000.0))
                .orElse(OptionalDouble.empty());
    }

    public Verdict verdict() {
        if (openedDuringLeadIn > 0) {
            return Verdict.FALSE_ALARM;
        }
        OptionalDouble minute = detectionMinute();
        if (minute.isEmpty()) {
            return Verdict.NOT_DETECTED;
        }
        double m = minute.getAsDouble();
        return m < 0 ? Verdict.BEFORE_IMPACT : m == 0 ? Verdict.AT_IMPACT : Verdict.LATE;
    }

    public long events() {
        return samples.size();
    }
}
