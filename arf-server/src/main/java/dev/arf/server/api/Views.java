package dev.arf.server.api;

import dev.arf.core.access.ApiToken;
import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.blueprint.BlueprintVersion;
import dev.arf.core.detect.Detection;
import dev.arf.core.detect.Signal;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.incident.Incident;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API's representations: records written as snake_case JSON, mapped from the core's records
 * here, so that the wire format changes only when these do.
 */
final class Views {
    private Views() {}

    static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    record TimelineView(Instant at, String kind, String message) {}

    record IncidentView(
            String id,
            String service,
            String title,
            String severity,
            String state,
            String cause,
            Instant impactStartedAt,
            Instant detectedAt,
            Instant resolvedAt,
            Long timeToDetectSeconds,
            Long timeToResolveSeconds,
            List<TimelineView> timeline) {}

    static IncidentView incident(Incident i, boolean withTimeline) {
        return new IncidentView(
                i.id(),
                i.service(),
                i.title(),
                i.severity().key(),
                lower(i.state()),
                i.cause(),
                i.impactStartedAt(),
                i.detectedAt(),
                i.resolvedAt(),
                i.timeToDetect().map(java.time.Duration::toSeconds).orElse(null),
                i.timeToResolve().map(java.time.Duration::toSeconds).orElse(null),
                withTimeline
                        ? i.timeline().stream()
                                .map(e -> new TimelineView(e.at(), lower(e.kind()), e.message()))
                                .toList()
                        : null);
    }

    record ActionView(
            String type,
            String target,
            Map<String, String> parameters,
            String source,
            String reason,
            String idempotencyKey,
            Instant proposedAt,
            double confidence) {}

    static ActionView action(Action a) {
        return new ActionView(
                a.type().key(),
                a.target(),
                a.parameters(),
                a.source(),
                a.reason(),
                a.idempotencyKey(),
                a.proposedAt(),
                a.confidence());
    }

    record ApprovalView(
            String id,
            String state,
            String operation,
            ActionView action,
            List<String> approvers,
            String reason,
            Instant requestedAt,
            Instant expiresAt,
            String decidedBy,
            Instant decidedAt,
            String note) {}

    static ApprovalView approval(ApprovalRequest r) {
        return new ApprovalView(
                r.id(),
                lower(r.state()),
                r.operation(),
                action(r.action()),
                r.approvers(),
                r.reason(),
                r.requestedAt(),
                r.expiresAt(),
                r.decidedBy(),
                r.decidedAt(),
                r.note());
    }

    record DecisionView(String status, ActionView action, String detail, Instant at) {}

    static DecisionView decision(ActionOutcome o) {
        return new DecisionView(lower(o.status()), action(o.action()), o.detail(), o.at());
    }

    record SignalView(
            String kind, String metric, double value, double expected, double deviation, String explanation) {}

    record AnomalyView(
            String service,
            Instant timestamp,
            double score,
            double confidence,
            String severity,
            Instant anomalousSince,
            List<SignalView> signals) {}

    static AnomalyView anomaly(Detection d) {
        return new AnomalyView(
                d.service(),
                d.timestamp(),
                finite(d.score()),
                finite(d.confidence()),
                d.severity().key(),
                d.anomalousSince(),
                d.signals().stream().map(Views::signal).toList());
    }

    private static SignalView signal(Signal s) {
        return new SignalView(
                lower(s.kind()),
                s.metric(),
                finite(s.value()),
                finite(s.expected()),
                finite(s.deviation()),
                s.explanation());
    }

    /** JSON has no NaN or infinity. */
    static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    /** An event's reported metrics by wire name (not-reported ones left out), custom ones included. */
    static Map<String, Object> metrics(TelemetryEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            if (e.has(metric)) {
                m.put(metric.key(), e.value(metric));
            }
        }
        new java.util.TreeMap<>(e.custom()).forEach(m::put);
        return m;
    }

    record EventView(String service, Instant timestamp, Map<String, Object> metrics, Map<String, String> labels) {}

    static EventView event(TelemetryEvent e) {
        return new EventView(e.service(), e.timestamp(), metrics(e), e.labels());
    }

    record BlueprintVersionView(
            String name,
            int version,
            String sha256,
            boolean removed,
            String appliedBy,
            Instant appliedAt,
            String note,
            String yaml) {}

    static BlueprintVersionView blueprint(BlueprintVersion v, boolean withYaml) {
        return new BlueprintVersionView(
                v.name(),
                v.version(),
                v.sha256(),
                v.removed(),
                v.appliedBy(),
                v.appliedAt(),
                v.note(),
                withYaml ? v.yaml() : null);
    }

    record AuditView(
            long sequence,
            Instant at,
            String event,
            String subject,
            String actor,
            Map<String, String> details,
            String previousHash,
            String hash) {}

    static AuditView audit(AuditRecord r) {
        return new AuditView(
                r.sequence(),
                r.entry().at(),
                r.entry().event(),
                r.entry().subject(),
                r.entry().actor(),
                r.entry().details(),
                r.previousHash(),
                r.hash());
    }

    record TokenView(String id, String name, String role, Instant createdAt, String createdBy, Instant revokedAt) {}

    static TokenView token(ApiToken t) {
        return new TokenView(t.id(), t.name(), t.role().key(), t.createdAt(), t.createdBy(), t.revokedAt());
    }

    /** A list answer: {@code {"items": [...], "count": n}}. */
    record Page<T>(List<T> items, int count) {
        static <T> Page<T> of(List<T> items) {
            return new Page<>(items, items.size());
        }
    }
}
