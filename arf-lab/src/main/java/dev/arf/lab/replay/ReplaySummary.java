package dev.arf.lab.replay;

import java.time.Instant;
import java.util.List;

/**
 * One replay's figures in a flat, JSON-friendly shape ({@code arf benchmark --json}); every value is
 * read from the {@link ReplayResult}. Nullable fields are null when ARF did not detect.
 *
 * @param detectionMinute minutes from customer impact to the engine's incident-open time
 * @param minutesAfterFirstChange detection minute minus the first reconstructed point's minute (the
 *     timeline starts changing right after it): how long ARF took to react to the first change
 * @param lossPerMinuteAtDetection the Impact agent's revenue loss per minute at detection
 * @param lossByEnd the Impact agent's estimated loss so far at the last anomalous event replayed
 * @param abruptOnsetDetectionMinute the same detection minute when the timeline's precursor points are
 *     replaced by healthy values; null when ARF missed it or the timeline has no precursor
 */
public record ReplaySummary(
        String id,
        String name,
        String date,
        String postmortemUrl,
        int points,
        long pointsBeforeImpact,
        List<String> metrics,
        String verdict,
        String verdictText,
        Double detectionMinute,
        Double minutesAfterFirstChange,
        String incidentId,
        Instant incidentOpenedAt,
        Double confidence,
        String severity,
        String detective,
        String cause,
        String diagnosis,
        Double diagnosisMinute,
        String prediction,
        List<String> recommendedActions,
        List<String> healing,
        Double lossPerMinuteAtDetection,
        Long usersAffectedAtDetection,
        String impactAtDetection,
        Double lossByEnd,
        String abruptOnsetVerdict,
        Double abruptOnsetDetectionMinute,
        int incidentsOpened,
        int falseAlarmsInLeadIn,
        long events,
        String chart) {

    public static ReplaySummary of(OutageReplay replay, String chart) {
        ReplayResult r = replay.reconstructed();
        OutageTimeline t = r.timeline();
        Finding d = r.detection().orElse(null);
        Finding diag = r.diagnosis().orElse(null);
        Double minute = r.detectionMinute().isPresent() ? r.detectionMinute().getAsDouble() : null;
        ReplayResult abrupt = replay.abruptOnset().orElse(null);
        return new ReplaySummary(
                t.id(),
                t.name(),
                t.date(),
                t.postmortemUrl(),
                t.points().size(),
                t.pointsBeforeImpact(),
                t.metrics().stream().map(m -> m.key()).toList(),
                r.verdict().name(),
                ReplayReport.verdictText(r),
                minute,
                minute == null ? null : minute - (t.firstMinute() - t.impactStartMinute()),
                d == null ? null : d.incidentId(),
                r.incidentOpenedAt().orElse(null),
                d == null ? null : d.confidence(),
                d == null ? null : d.severity().key(),
                d == null ? null : d.detective(),
                diag == null ? null : diag.cause(),
                diag == null ? null : diag.diagnosis(),
                diag == null ? null : diag.minute(),
                d == null ? null : d.prediction(),
                diag != null ? diag.recommendedActions() : d != null ? d.recommendedActions() : List.of(),
                d == null ? List.of() : d.healing(),
                d == null || d.businessImpact() == null
                        ? null
                        : d.businessImpact().revenueLossPerMinute(),
                d == null || d.businessImpact() == null
                        ? null
                        : d.businessImpact().affectedUsersEstimate(),
                d == null || d.businessImpact() == null
                        ? null
                        : d.businessImpact().summary(),
                r.last()
                        .map(Finding::businessImpact)
                        .map(b -> b.revenueLossEstimate())
                        .orElse(null),
                abrupt == null ? null : abrupt.verdict().name(),
                abrupt == null || abrupt.detectionMinute().isEmpty()
                        ? null
                        : abrupt.detectionMinute().getAsDouble(),
                r.incidents().size(),
                r.openedDuringLeadIn(),
                r.events(),
                chart);
    }
}
