package dev.arf.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.audit.AuditEvents;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.audit.InMemoryAuditLog;
import dev.arf.core.detect.Severity;
import dev.arf.core.incident.Incident;
import dev.arf.core.incident.IncidentState;
import dev.arf.core.incident.IncidentTracker;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RaisedAlertTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private final VirtualClock clock = new VirtualClock(T0);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ReliabilityEngine engine =
            ReliabilityEngine.builder().clock(clock).audit(audit).build();

    private static ReliabilityEngine.RaisedAlert alert(String fingerprint) {
        return new ReliabilityEngine.RaisedAlert(
                "alertmanager:" + fingerprint, "checkout", "HighErrorRate", Severity.HIGH, T0, "errors above 5%");
    }

    @Test
    void anAlertOpensOneIncidentAndTheSameAlertAgainDoesNotOpenASecond() {
        IncidentTracker.Update first = engine.raise(alert("abc"), "alertmanager");
        clock.advance(Duration.ofMinutes(1));
        IncidentTracker.Update again = engine.raise(alert("abc"), "alertmanager");

        assertThat(first.opened()).isTrue();
        assertThat(again.opened()).isFalse();
        assertThat(again.incident().orElseThrow().id())
                .isEqualTo(first.incident().orElseThrow().id());
        assertThat(engine.openIncidents()).hasSize(1);
        Incident incident = engine.openIncidents().get(0);
        assertThat(incident.service()).isEqualTo("checkout");
        assertThat(incident.title()).isEqualTo("HighErrorRate");
        assertThat(incident.impactStartedAt()).isEqualTo(T0);
        assertThat(audit.read(0, 100)).extracting(r -> r.entry().event()).containsExactly(AuditEvents.INCIDENT_OPENED);
    }

    @Test
    void anotherFingerprintOnTheSameServiceIsAnotherIncident() {
        engine.raise(alert("abc"), "alertmanager");
        engine.raise(alert("def"), "alertmanager");

        assertThat(engine.openIncidents()).hasSize(2);
    }

    @Test
    void clearingResolvesTheIncidentTheAlertOpenedAndAuditsIt() {
        String id = engine.raise(alert("abc"), "alertmanager")
                .incident()
                .orElseThrow()
                .id();
        clock.advance(Duration.ofMinutes(7));

        Incident resolved = engine.clear("alertmanager:abc", "alertmanager", "alert resolved")
                .orElseThrow();

        assertThat(resolved.id()).isEqualTo(id);
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.timeToResolve()).contains(Duration.ofMinutes(7));
        assertThat(engine.openIncidents()).isEmpty();
        assertThat(engine.incident(id)).contains(resolved);
        AuditRecord last = audit.read(0, 100).get(1);
        assertThat(last.entry().event()).isEqualTo(AuditEvents.INCIDENT_RESOLVED);
        assertThat(last.entry().actor()).isEqualTo("alertmanager");
        assertThat(engine.clear("alertmanager:abc", "alertmanager", "again")).isEmpty();
    }

    @Test
    void anAlertAPersonAlreadyResolvedIsNotReopenedWhenItIsSentAgain() {
        String id = engine.raise(alert("abc"), "alertmanager")
                .incident()
                .orElseThrow()
                .id();
        engine.resolve(id, "alice");

        IncidentTracker.Update resent = engine.raise(alert("abc"), "alertmanager");

        assertThat(resent.opened()).isFalse();
        assertThat(resent.incident().orElseThrow().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(engine.openIncidents()).isEmpty();
    }

    @Test
    void aNewEpisodeOfTheSameAlertAfterResolutionOpensANewIncident() {
        String first = engine.raise(alert("abc"), "alertmanager")
                .incident()
                .orElseThrow()
                .id();
        engine.clear("alertmanager:abc", "alertmanager", "resolved");
        ReliabilityEngine.RaisedAlert later = new ReliabilityEngine.RaisedAlert(
                "alertmanager:abc", "checkout", "HighErrorRate", Severity.HIGH, T0.plusSeconds(3600), "again");

        IncidentTracker.Update second = engine.raise(later, "alertmanager");

        assertThat(second.opened()).isTrue();
        assertThat(second.incident().orElseThrow().id()).isNotEqualTo(first);
    }

    @Test
    void detectionDoesNotMergeIntoAnAlertsIncident() {
        engine.raise(alert("abc"), "alertmanager");

        engine.process(TelemetryEvent.builder("checkout", clock.instant())
                .errorRate(0.01)
                .build());

        assertThat(engine.openIncidents()).hasSize(1);
        assertThat(engine.openIncidents().get(0).fingerprint()).isEqualTo("alertmanager:abc");
    }
}
