package dev.arf.core.incident;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens, deduplicates and resolves incidents from detections.
 *
 * <p>One incident per fingerprint while it is open: further anomalous detections of the same
 * service join its timeline instead of opening new ones. An incident resolves once the service has
 * been healthy for {@code resolveAfter} of event time; an anomaly during that wait is a relapse, and
 * the wait starts over. Every state change goes through {@link #transition}, the lifecycle's one
 * transition function.
 *
 * <p>Thread-safety: safe for concurrent use across services; calls for one service must be
 * serialised by the caller (the engine does).
 */
public final class IncidentTracker {
    /** Timeline entries kept per incident; later routine detections are dropped, actions never. */
    static final int MAX_TIMELINE = 1_000;

    private final Duration resolveAfter;
    private final Map<String, Open> openByFingerprint = new ConcurrentHashMap<>();
    private final Map<String, String> fingerprintById = new ConcurrentHashMap<>();
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();

    public IncidentTracker(Duration resolveAfter) {
        if (resolveAfter.isNegative()) {
            throw new IllegalArgumentException("resolve_after must not be negative");
        }
        this.resolveAfter = resolveAfter;
    }

    /** What one detection did to the incidents of its service. */
    public record Update(Optional<Incident> incident, boolean opened, boolean changed, boolean resolved) {
        static final Update NONE = new Update(Optional.empty(), false, false, false);
    }

    private static final class Open {
        Incident incident;
        Instant healthySince;

        Open(Incident incident, Instant healthySince) {
            this.incident = incident;
            this.healthySince = healthySince;
        }
    }

    /** The fingerprint of anomaly incidents of a service: one open incident per service. */
    public static String fingerprint(String service) {
        return hash("anomaly|" + service).substring(0, 16);
    }

    /** Fingerprints are asked for on every event; hashing each time would dominate the normal path. */
    private String cachedFingerprint(String service) {
        return fingerprints.computeIfAbsent(service, IncidentTracker::fingerprint);
    }

    /** Takes back open incidents from a store after a restart. */
    public void restore(List<Incident> incidents) {
        for (Incident incident : incidents) {
            if (incident.state().isOpen()) {
                openByFingerprint.put(incident.fingerprint(), new Open(incident, healthySinceFromTimeline(incident)));
                fingerprintById.put(incident.id(), incident.fingerprint());
            }
        }
    }

    public Update observe(Detection detection) {
        String fingerprint = cachedFingerprint(detection.service());
        Open open = openByFingerprint.get(fingerprint);
        if (open == null) {
            if (!detection.anomalous()) {
                return Update.NONE;
            }
            Incident incident = openIncident(fingerprint, detection);
            openByFingerprint.put(fingerprint, new Open(incident, null));
            fingerprintById.put(incident.id(), fingerprint);
            return new Update(Optional.of(incident), true, true, false);
        }
        Instant at = detection.timestamp();
        Incident current = open.incident;
        if (detection.anomalous()) {
            if (open.healthySince != null) {
                open.healthySince = null;
                open.incident = append(
                        current,
                        new TimelineEntry(
                                at,
                                TimelineEntry.Kind.RELAPSED,
                                "anomalous again before the " + human(resolveAfter) + " recovery period ended"));
                return new Update(Optional.of(open.incident), false, true, false);
            }
            if (detection.severity().compareTo(current.severity()) > 0) {
                open.incident = append(
                        current.withSeverity(detection.severity()),
                        new TimelineEntry(
                                at,
                                TimelineEntry.Kind.DETECTION,
                                "severity rose to " + detection.severity().key() + ": " + topSignal(detection)));
                return new Update(Optional.of(open.incident), false, true, false);
            }
            return new Update(Optional.of(current), false, false, false);
        }
        if (open.healthySince == null) {
            open.healthySince = at;
            open.incident = append(
                    current,
                    new TimelineEntry(
                            at,
                            TimelineEntry.Kind.RECOVERING,
                            "metrics back to normal; resolving after " + human(resolveAfter) + " without relapse"));
            return new Update(Optional.of(open.incident), false, true, false);
        }
        if (Duration.between(open.healthySince, at).compareTo(resolveAfter) >= 0) {
            Incident resolved = transition(
                    current,
                    IncidentState.RESOLVED,
                    at,
                    "healthy since " + open.healthySince + " (" + human(resolveAfter) + ")");
            openByFingerprint.remove(fingerprint);
            fingerprintById.remove(resolved.id());
            return new Update(Optional.of(resolved), false, true, true);
        }
        return new Update(Optional.of(current), false, false, false);
    }

    /**
     * The id of an incident raised from outside for this fingerprint and start: the same alert sent
     * again has the same id, so whoever raises it can tell a repeat from a new episode.
     */
    public static String raisedId(String fingerprint, Instant startedAt) {
        return "INC-"
                + hash("raised|" + fingerprint + "|" + startedAt)
                        .substring(0, 10)
                        .toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * An incident raised by an outside alerting system (e.g. Alertmanager) rather than by detection:
     * one per {@code fingerprint} while open — raising the same fingerprint again changes nothing
     * ({@code opened} false, the open incident returned). The fingerprint must not look like a
     * detection's (callers prefix theirs, e.g. {@code alertmanager:}), so an alert never merges into
     * a service's anomaly incident or the other way round.
     */
    public Update raise(
            String fingerprint,
            String service,
            String title,
            Severity severity,
            Instant startedAt,
            Instant at,
            String why) {
        if (fingerprint.equals(cachedFingerprint(service))) {
            throw new IllegalArgumentException("a raised incident's fingerprint must differ from detection's");
        }
        Open open = openByFingerprint.get(fingerprint);
        if (open != null) {
            return new Update(Optional.of(open.incident), false, false, false);
        }
        Incident incident = new Incident(
                raisedId(fingerprint, startedAt),
                fingerprint,
                service,
                title,
                severity,
                IncidentState.OPEN,
                startedAt,
                at,
                null,
                "unknown",
                List.of(new TimelineEntry(at, TimelineEntry.Kind.DETECTED, why)));
        Open raced = openByFingerprint.putIfAbsent(fingerprint, new Open(incident, null));
        if (raced != null) {
            return new Update(Optional.of(raced.incident), false, false, false);
        }
        fingerprintById.put(incident.id(), fingerprint);
        return new Update(Optional.of(incident), true, true, false);
    }

    /** Resolves the open incident raised under {@code fingerprint}; empty when none is open. */
    public Optional<Incident> clear(String fingerprint, Instant at, String why) {
        Open open = openByFingerprint.get(fingerprint);
        return open == null
                ? Optional.empty()
                : update(open.incident.id(), incident -> transition(incident, IncidentState.RESOLVED, at, why));
    }

    /** Adds an entry to an open incident's timeline; empty if the incident is no longer open. */
    public Optional<Incident> record(String incidentId, TimelineEntry entry) {
        return update(incidentId, incident -> append(incident, entry));
    }

    /** Records the diagnosed cause (and retitles the incident) unless it is already known. */
    public Optional<Incident> diagnose(String incidentId, String cause, String title, Instant at, String explanation) {
        return update(incidentId, incident -> {
            if (incident.cause().equals(cause)) {
                return incident;
            }
            Incident retitled = incident.withCause(cause, title);
            return append(retitled, new TimelineEntry(at, TimelineEntry.Kind.ANALYSIS, explanation));
        });
    }

    public Optional<Incident> acknowledge(String incidentId, String who, Instant at) {
        return update(
                incidentId, incident -> transition(incident, IncidentState.ACKNOWLEDGED, at, "acknowledged by " + who));
    }

    /**
     * A person closes the incident before the engine would (the service is fine, or the cause is being
     * handled elsewhere). A later anomaly of the service opens a new incident.
     */
    public Optional<Incident> resolve(String incidentId, String who, Instant at) {
        return update(incidentId, incident -> transition(incident, IncidentState.RESOLVED, at, "resolved by " + who));
    }

    /** Marks that a remediation is under way (first executed action). */
    public Optional<Incident> mitigating(String incidentId, Instant at, String what) {
        return update(
                incidentId,
                incident -> incident.state() == IncidentState.MITIGATING
                        ? incident
                        : transition(incident, IncidentState.MITIGATING, at, what));
    }

    public Optional<Incident> openIncident(String service) {
        return Optional.ofNullable(openByFingerprint.get(cachedFingerprint(service)))
                .map(o -> o.incident);
    }

    public List<Incident> openIncidents() {
        return openByFingerprint.values().stream().map(o -> o.incident).toList();
    }

    /**
     * The lifecycle's one transition function: OPEN → ACKNOWLEDGED | MITIGATING | RESOLVED,
     * ACKNOWLEDGED → MITIGATING | RESOLVED, MITIGATING → ACKNOWLEDGED | RESOLVED; nothing leaves
     * RESOLVED.
     *
     * @throws IllegalIncidentTransitionException for any other move
     */
    static Incident transition(Incident incident, IncidentState to, Instant at, String why) {
        IncidentState from = incident.state();
        boolean allowed = switch (from) {
            case OPEN -> to != IncidentState.OPEN;
            case ACKNOWLEDGED -> to == IncidentState.MITIGATING || to == IncidentState.RESOLVED;
            case MITIGATING -> to == IncidentState.ACKNOWLEDGED || to == IncidentState.RESOLVED;
            case RESOLVED -> false;
        };
        if (!allowed) {
            throw new IllegalIncidentTransitionException(incident.id(), from, to);
        }
        TimelineEntry.Kind kind = switch (to) {
            case ACKNOWLEDGED -> TimelineEntry.Kind.ACKNOWLEDGED;
            case MITIGATING -> TimelineEntry.Kind.MITIGATING;
            case RESOLVED -> TimelineEntry.Kind.RESOLVED;
            case OPEN -> throw new IllegalIncidentTransitionException(incident.id(), from, to);
        };
        Incident moved = incident.withState(to, at);
        return append(moved, new TimelineEntry(at, kind, why));
    }

    private Optional<Incident> update(String incidentId, java.util.function.UnaryOperator<Incident> change) {
        String fingerprint = fingerprintById.get(incidentId);
        Open open = fingerprint == null ? null : openByFingerprint.get(fingerprint);
        if (open == null) {
            return Optional.empty();
        }
        synchronized (open) {
            open.incident = change.apply(open.incident);
            if (!open.incident.state().isOpen()) {
                openByFingerprint.remove(fingerprint);
                fingerprintById.remove(incidentId);
            }
            return Optional.of(open.incident);
        }
    }

    private static Incident openIncident(String fingerprint, Detection detection) {
        Instant started = detection.anomalousSince() != null ? detection.anomalousSince() : detection.timestamp();
        String id = "INC-"
                + hash(fingerprint + "|" + detection.timestamp())
                        .substring(0, 10)
                        .toUpperCase(java.util.Locale.ROOT);
        TimelineEntry detected = new TimelineEntry(
                detection.timestamp(),
                TimelineEntry.Kind.DETECTED,
                String.format(
                        java.util.Locale.ROOT,
                        "anomaly detected (confidence %.0f%%, severity %s): %s",
                        detection.confidence() * 100,
                        detection.severity().key(),
                        topSignal(detection)));
        return new Incident(
                id,
                fingerprint,
                detection.service(),
                detection.service() + ": anomaly",
                detection.severity(),
                IncidentState.OPEN,
                started,
                detection.timestamp(),
                null,
                "unknown",
                List.of(detected));
    }

    private static Incident append(Incident incident, TimelineEntry entry) {
        List<TimelineEntry> timeline = incident.timeline();
        if (timeline.size() >= MAX_TIMELINE && entry.kind() == TimelineEntry.Kind.DETECTION) {
            return incident;
        }
        List<TimelineEntry> grown = new ArrayList<>(timeline.size() + 1);
        grown.addAll(timeline);
        grown.add(entry);
        return incident.withTimeline(grown);
    }

    private static Instant healthySinceFromTimeline(Incident incident) {
        Instant since = null;
        for (TimelineEntry e : incident.timeline()) {
            if (e.kind() == TimelineEntry.Kind.RECOVERING) {
                since = e.at();
            } else if (e.kind() == TimelineEntry.Kind.RELAPSED) {
                since = null;
            }
        }
        return since;
    }

    private static String topSignal(Detection detection) {
        return detection.signals().isEmpty()
                ? "combined deviation"
                : detection.signals().get(0).explanation();
    }

    private static String human(Duration d) {
        return d.toMinutes() >= 1 && d.toSecondsPart() == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
