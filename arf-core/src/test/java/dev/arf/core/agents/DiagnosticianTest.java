package dev.arf.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.Severity;
import dev.arf.core.detect.Signal;
import dev.arf.core.detect.SignalKind;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticianTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private final Diagnostician diagnostician = new Diagnostician();

    private static TelemetryEvent.Builder healthy(String service, int minute) {
        return TelemetryEvent.builder(service, T0.plus(Duration.ofMinutes(minute)))
                .latencyP50(40)
                .latencyP95(90)
                .latencyP99(120)
                .errorRate(0.002)
                .throughput(1000)
                .cpuUtil(0.45)
                .memoryUtil(0.55);
    }

    private static ServiceHistory historyOf(String service, int minutes, String version) {
        ServiceHistory history = new ServiceHistory(40);
        for (int m = 0; m < minutes; m++) {
            history.add(healthy(service, m).label("version", version).build());
        }
        return history;
    }

    private static Detection anomalous(TelemetryEvent e, Signal... signals) {
        return new Detection(
                e.service(),
                e.timestamp(),
                0.9,
                0.9,
                true,
                e.timestamp(),
                Severity.HIGH,
                List.of(signals),
                List.of(),
                List.of(),
                false);
    }

    @Test
    void namesABadDeployWhenErrorsFollowAVersionChange() {
        ServiceHistory history = historyOf("payments", 20, "v12");
        history.add(healthy("payments", 20).label("version", "v13").build());
        TelemetryEvent now =
                healthy("payments", 24).errorRate(0.25).label("version", "v13").build();
        history.add(now);
        Diagnosis d = diagnostician.diagnose(now, anomalous(now), history);
        assertThat(d.cause()).isEqualTo(Cause.BAD_DEPLOY);
        assertThat(d.evidence()).anyMatch(line -> line.contains("v12 → v13"));
    }

    @Test
    void namesATrafficSurgeWhenThroughputIsFarAboveNormal() {
        ServiceHistory history = historyOf("api-gateway", 30, "v1");
        TelemetryEvent now = healthy("api-gateway", 30)
                .throughput(4500)
                .latencyP99(900)
                .cpuUtil(0.97)
                .build();
        Diagnosis d = diagnostician.diagnose(
                now,
                anomalous(now, new Signal(SignalKind.BASELINE, "throughput", 4500, 1000, 9, T0, "throughput 4.5x")),
                history);
        assertThat(d.cause()).isEqualTo(Cause.TRAFFIC_SURGE);
    }

    @Test
    void namesAMemoryLeakFromASteadyClimbUnderFlatLoad() {
        ServiceHistory history = new ServiceHistory(40);
        TelemetryEvent now = null;
        for (int m = 0; m < 30; m++) {
            now = healthy("checkout", m).memoryUtil(0.6 + m * 0.01).build();
            history.add(now);
        }
        Diagnosis d = diagnostician.diagnose(now, anomalous(now), history);
        assertThat(d.cause()).isEqualTo(Cause.MEMORY_LEAK);
    }

    @Test
    void throughputBackToNormalAfterADipIsNotASurge() {
        ServiceHistory history = new ServiceHistory(40);
        for (int m = 0; m < 30; m++) {
            history.add(healthy("cache", m).throughput(50).build());
        }
        TelemetryEvent now =
                healthy("cache", 30).throughput(2000).errorRate(0.08).build();
        history.add(now);
        Diagnosis d = diagnostician.diagnose(now, anomalous(now), history);
        assertThat(d.cause()).isNotEqualTo(Cause.TRAFFIC_SURGE);
    }

    @Test
    void aSuddenMemoryJumpIsNotALeak() {
        ServiceHistory history = historyOf("database", 30, "v1");
        TelemetryEvent now = healthy("database", 30)
                .memoryUtil(0.98)
                .errorRate(0.35)
                .latencyP99(850)
                .build();
        history.add(now);
        Diagnosis d = diagnostician.diagnose(now, anomalous(now), history);
        assertThat(d.cause()).isEqualTo(Cause.DATABASE_FAILURE);
        assertThat(d.evidence()).noneMatch(line -> line.startsWith("memory_leak"));
    }

    @Test
    void namesADatabaseFailureOnADataStore() {
        ServiceHistory history = historyOf("database", 30, "v1");
        TelemetryEvent now = healthy("database", 30)
                .latencyP99(850)
                .errorRate(0.35)
                .throughput(450)
                .cpuUtil(0.78)
                .memoryUtil(0.98)
                .build();
        Diagnosis d = diagnostician.diagnose(now, anomalous(now), history);
        assertThat(d.cause()).isEqualTo(Cause.DATABASE_FAILURE);
    }

    @Test
    void namesADependencyFailureWhenTheServiceWaitsWithIdleCpu() {
        ServiceHistory history = historyOf("checkout", 30, "v1");
        TelemetryEvent now = healthy("checkout", 30)
                .latencyP99(2400)
                .latencyP50(300)
                .errorRate(0.3)
                .cpuUtil(0.3)
                .build();
        Diagnosis d = diagnostician.diagnose(
                now,
                anomalous(
                        now,
                        new Signal(
                                SignalKind.BASELINE,
                                "latency_p99",
                                2400,
                                120,
                                12,
                                T0,
                                "latency_p99 far above baseline")),
                history);
        assertThat(d.cause()).isEqualTo(Cause.DEPENDENCY_FAILURE);
    }

    @Test
    void saysUnknownRatherThanGuessingOnWeakEvidence() {
        ServiceHistory history = historyOf("search", 30, "v1");
        TelemetryEvent now = healthy("search", 30).latencyP99(180).build();
        Diagnosis d = diagnostician.diagnose(now, anomalous(now), history);
        assertThat(d.cause()).isEqualTo(Cause.UNKNOWN);
        assertThat(d.confidence()).isZero();
    }
}
