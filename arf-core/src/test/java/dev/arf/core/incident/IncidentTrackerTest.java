package dev.arf.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentTrackerTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private final IncidentTracker tracker = new IncidentTracker(Duration.ofMinutes(5));

    private static Detection detection(String service, int minute, boolean anomalous, Severity severity) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return new Detection(
                service,
                at,
                anomalous ? 0.9 : 0.1,
                anomalous ? 0.9 : 0.1,
                anomalous,
                anomalous ? T0 : null,
                severity,
                List.of(),
                List.of(),
                List.of(),
                false);
    }

    @Test
    void opensOneIncidentPerServiceAndDeduplicatesFurtherAnomalies() {
        IncidentTracker.Update first = tracker.observe(detection("db", 1, true, Severity.HIGH));
        IncidentTracker.Update second = tracker.observe(detection("db", 2, true, Severity.HIGH));
        IncidentTracker.Update other = tracker.observe(detection("cache", 2, true, Severity.HIGH));

        assertThat(first.opened()).isTrue();
        assertThat(second.opened()).isFalse();
        assertThat(second.incident().orElseThrow().id())
                .isEqualTo(first.incident().orElseThrow().id());
        assertThat(other.incident().orElseThrow().id())
                .isNotEqualTo(first.incident().orElseThrow().id());
        assertThat(tracker.openIncidents()).hasSize(2);
    }

    @Test
    void recordsImpactStartAndDetectionTimeForMttd() {
        Incident incident = tracker.observe(detection("db", 3, true, Severity.HIGH))
                .incident()
                .orElseThrow();
        assertThat(incident.impactStartedAt()).isEqualTo(T0);
        assertThat(incident.timeToDetect()).contains(Duration.ofMinutes(3));
    }

    @Test
    void resolvesOnlyAfterTheServiceStayedHealthyForTheRecoveryPeriod() {
        tracker.observe(detection("db", 0, true, Severity.HIGH));
        tracker.observe(detection("db", 1, false, Severity.LOW));
        assertThat(tracker.observe(detection("db", 5, false, Severity.LOW)).resolved())
                .isFalse();
        IncidentTracker.Update update = tracker.observe(detection("db", 6, false, Severity.LOW));

        assertThat(update.resolved()).isTrue();
        Incident resolved = update.incident().orElseThrow();
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.timeToResolve()).contains(Duration.ofMinutes(6));
        assertThat(tracker.openIncidents()).isEmpty();
    }

    @Test
    void aRelapseDuringRecoveryRestartsTheWaitAndKeepsTheSameIncident() {
        String id = tracker.observe(detection("db", 0, true, Severity.HIGH))
                .incident()
                .orElseThrow()
                .id();
        tracker.observe(detection("db", 1, false, Severity.LOW));
        tracker.observe(detection("db", 4, true, Severity.HIGH));
        tracker.observe(detection("db", 5, false, Severity.LOW));
        assertThat(tracker.observe(detection("db", 9, false, Severity.LOW)).resolved())
                .isFalse();
        Incident incident = tracker.observe(detection("db", 10, false, Severity.LOW))
                .incident()
                .orElseThrow();

        assertThat(incident.id()).isEqualTo(id);
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incident.timeline())
                .extracting(TimelineEntry::kind)
                .containsSubsequence(
                        TimelineEntry.Kind.DETECTED,
                        TimelineEntry.Kind.RECOVERING,
                        TimelineEntry.Kind.RELAPSED,
                        TimelineEntry.Kind.RECOVERING,
                        TimelineEntry.Kind.RESOLVED);
    }

    @Test
    void aNewAnomalyAfterResolutionOpensANewIncident() {
        String first = tracker.observe(detection("db", 0, true, Severity.HIGH))
                .incident()
                .orElseThrow()
                .id();
        tracker.observe(detection("db", 1, false, Severity.LOW));
        tracker.observe(detection("db", 7, false, Severity.LOW));
        IncidentTracker.Update again = tracker.observe(detection("db", 20, true, Severity.HIGH));
        assertThat(again.opened()).isTrue();
        assertThat(again.incident().orElseThrow().id()).isNotEqualTo(first);
    }

    @Test
    void aPersonCanResolveAnOpenIncidentAndTheNextAnomalyOpensANewOne() {
        String id = tracker.observe(detection("db", 0, true, Severity.HIGH))
                .incident()
                .orElseThrow()
                .id();
        Incident resolved = tracker.resolve(id, "bob", T0.plusSeconds(90)).orElseThrow();
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(resolved.timeline()).extracting(TimelineEntry::message).contains("resolved by bob");
        assertThat(tracker.openIncident("db")).isEmpty();
        assertThat(tracker.resolve(id, "bob", T0.plusSeconds(91))).isEmpty();
        assertThat(tracker.observe(detection("db", 2, true, Severity.HIGH)).opened())
                .isTrue();
    }

    @Test
    void severityRiseIsOnTheTimeline() {
        tracker.observe(detection("db", 0, true, Severity.MEDIUM));
        Incident incident = tracker.observe(detection("db", 1, true, Severity.CRITICAL))
                .incident()
                .orElseThrow();
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.timeline()).extracting(TimelineEntry::kind).contains(TimelineEntry.Kind.DETECTION);
    }

    @Test
    void acknowledgeAndMitigateAreRecordedWithWhoAndWhat() {
        String id = tracker.observe(detection("db", 0, true, Severity.HIGH))
                .incident()
                .orElseThrow()
                .id();
        tracker.acknowledge(id, "alice", T0.plusSeconds(30));
        Incident incident =
                tracker.mitigating(id, T0.plusSeconds(60), "restart_container").orElseThrow();
        assertThat(incident.state()).isEqualTo(IncidentState.MITIGATING);
        assertThat(incident.timeline()).extracting(TimelineEntry::message).contains("acknowledged by alice");
    }

    @Test
    void nothingLeavesResolved() {
        Incident resolved = IncidentTracker.transition(
                tracker.observe(detection("db", 0, true, Severity.HIGH))
                        .incident()
                        .orElseThrow(),
                IncidentState.RESOLVED,
                T0,
                "test");
        for (IncidentState to : IncidentState.values()) {
            assertThatThrownBy(() -> IncidentTracker.transition(resolved, to, T0, "again"))
                    .isInstanceOf(IllegalIncidentTransitionException.class)
                    .hasMessageContaining("RESOLVED");
        }
    }

    @Test
    void acknowledgedCannotGoBackToAcknowledgedOrOpen() {
        Incident open = tracker.observe(detection("db", 0, true, Severity.HIGH))
                .incident()
                .orElseThrow();
        Incident acknowledged = IncidentTracker.transition(open, IncidentState.ACKNOWLEDGED, T0, "x");
        assertThatThrownBy(() -> IncidentTracker.transition(acknowledged, IncidentState.ACKNOWLEDGED, T0, "x"))
                .isInstanceOf(IllegalIncidentTransitionException.class);
        assertThatThrownBy(() -> IncidentTracker.transition(acknowledged, IncidentState.OPEN, T0, "x"))
                .isInstanceOf(IllegalIncidentTransitionException.class);
        assertThatThrownBy(() -> IncidentTracker.transition(open, IncidentState.OPEN, T0, "x"))
                .isInstanceOf(IllegalIncidentTransitionException.class);
    }

    @Test
    void restoredOpenIncidentsKeepDeduplicatingAfterARestart() {
        Incident open = tracker.observe(detection("db", 0, true, Severity.HIGH))
                .incident()
                .orElseThrow();
        IncidentTracker restarted = new IncidentTracker(Duration.ofMinutes(5));
        restarted.restore(List.of(open));
        IncidentTracker.Update update = restarted.observe(detection("db", 2, true, Severity.HIGH));
        assertThat(update.opened()).isFalse();
        assertThat(update.incident().orElseThrow().id()).isEqualTo(open.id());
    }

    @Test
    void aRaisedIncidentIsKeptApartFromTheServicesDetectionsAndClearedByItsFingerprint() {
        IncidentTracker.Update raised =
                tracker.raise("alertmanager:f1", "db", "DiskFull", Severity.CRITICAL, T0, T0, "raised by alertmanager");
        IncidentTracker.Update detected = tracker.observe(detection("db", 1, true, Severity.HIGH));

        assertThat(raised.opened()).isTrue();
        assertThat(detected.opened()).isTrue();
        assertThat(tracker.openIncidents()).hasSize(2);
        assertThat(tracker.openIncident("db")).contains(detected.incident().orElseThrow());
        assertThat(tracker.raise("alertmanager:f1", "db", "DiskFull", Severity.CRITICAL, T0, T0, "again")
                        .opened())
                .isFalse();

        Incident cleared = tracker.clear("alertmanager:f1", T0.plusSeconds(60), "alert resolved")
                .orElseThrow();
        assertThat(cleared.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(cleared.id()).isEqualTo(IncidentTracker.raisedId("alertmanager:f1", T0));
        assertThat(tracker.openIncidents()).hasSize(1);
        assertThat(tracker.clear("alertmanager:f1", T0.plusSeconds(61), "again"))
                .isEmpty();
    }

    @Test
    void aRaisedIncidentCannotTakeADetectionFingerprint() {
        assertThatThrownBy(() ->
                        tracker.raise(IncidentTracker.fingerprint("db"), "db", "x", Severity.LOW, T0, T0, "clash"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
