package dev.arf.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditEvents;
import dev.arf.core.detect.Severity;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.governance.StoredKillSwitch;
import dev.arf.server.events.InProcessEventBus;
import dev.arf.server.runtime.EngineRuntime;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the gauges and counters show for what the engine did, read from a real (embedded) store. */
class ArfMetricsTest {
    @TempDir
    Path temp;

    private JdbcReliabilityStore store;
    private EngineRuntime runtime;
    private ArfMetrics metrics;

    @BeforeEach
    void build() {
        store = Stores.embedded(temp);
        InProcessEventBus bus = new InProcessEventBus();
        runtime = EngineRuntime.builder(store, bus).build();
        metrics = new ArfMetrics(runtime, bus);
    }

    @AfterEach
    void close() {
        metrics.close();
        runtime.close();
        store.close();
    }

    @Test
    void countsRefusedActionsByReasonCodeAndExecutedOnesByStatus() {
        Instant now = Instant.parse("2026-11-27T09:00:00Z");
        runtime.audit()
                .append(new AuditEntry(
                        now,
                        AuditEvents.ORCH_REFUSE,
                        "checkout",
                        "policy",
                        Map.of("action", "restart_container", "reason_code", "KILL_SWITCH_ENGAGED")));
        runtime.audit()
                .append(new AuditEntry(
                        now,
                        AuditEvents.ORCH_EXEC,
                        "checkout",
                        "policy",
                        Map.of("action", "scale_out", "status", "SUCCEEDED")));

        assertThat(metrics.scrape())
                .contains(
                        "arf_actions_refused_total{action=\"restart_container\",reason_code=\"KILL_SWITCH_ENGAGED\"} 1.0")
                .contains("arf_actions_executed_total{action=\"scale_out\",status=\"succeeded\"} 1.0");
    }

    @Test
    void showsTheKillSwitchAndAnOpenIncidentOnItsService() {
        store.saveSetting(StoredKillSwitch.SETTING, "on", Instant.now());
        runtime.engine()
                .raise(
                        new ReliabilityEngine.RaisedAlert(
                                "alertmanager:f1", "db", "db: DiskFull", Severity.HIGH, Instant.now(), "disk full"),
                        "alertmanager:test");

        assertThat(metrics.scrape())
                .contains("arf_kill_switch_engaged 1.0")
                .contains("arf_incidents_open 1.0")
                .contains("arf_incidents_opened_total 1.0")
                .contains("arf_service_state{service=\"db\",state=\"incident\"} 1.0");
    }
}
