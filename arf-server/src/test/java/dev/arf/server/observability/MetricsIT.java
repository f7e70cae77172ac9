package dev.arf.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.access.Role;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a running server: ARF's series after real ingest, the JVM's and the HTTP
 * timer's, a viewer token needed by default, and the text accepted by Prometheus' own linter
 * ({@code promtool check metrics}) without a warning.
 */
class MetricsIT {
    @TempDir
    static Path temp;

    static ArfUnderTest arf;

    @BeforeAll
    static void start() {
        arf = new ArfUnderTest(temp.resolve("data"), b -> {});
        for (int i = 0; i < 5; i++) {
            assertThat(arf.post(
                                    "/api/v1/events",
                                    Role.OPERATOR,
                                    "{\"service\":\"checkout\",\"latency_p99\":120,\"error_rate\":0.01}")
                            .statusCode())
                    .isEqualTo(202);
        }
        assertThat(arf.post("/api/v1/events", Role.OPERATOR, "{\"service\":\"checkout\",\"error_rate\":-1}")
                        .statusCode())
                .isEqualTo(400);
    }

    @AfterAll
    static void stop() {
        arf.close();
    }

    @Test
    void servesArfsSeriesTheJvmsAndTheHttpTimerInPrometheusText() {
        HttpResponse<String> scrape = arf.get("/metrics", Role.VIEWER);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        String text = scrape.body();
        assertThat(text)
                .contains("arf_ingest_events_accepted_total 5.0")
                .contains("arf_ingest_events_rejected_total 1.0")
                .contains("arf_incidents_open 0.0")
                .contains("arf_kill_switch_engaged 0.0")
                .contains("arf_service_anomaly_score{service=\"checkout\"}")
                .contains("arf_service_state{service=\"checkout\",state=\"healthy\"} 1.0")
                .contains("arf_incidents_opened_total 0.0")
                .contains("jvm_memory_used_bytes")
                .contains("process_uptime_seconds")
                .contains(
                        "http_server_requests_seconds_count{method=\"POST\",status=\"202\",uri=\"/api/v1/events\"} 5");
    }

    @Test
    void needsAViewerTokenUnlessStartedWithPublicMetrics() {
        assertThat(arf.get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(arf.get("/metrics/export/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(arf.get("/metrics/export/prometheus", Role.VIEWER).body()).contains("arf_incidents_open");
        assertThat(arf.server.routes().routes())
                .filteredOn(r -> r.path().equals("/metrics"))
                .singleElement()
                .satisfies(r -> assertThat(r.role()).isEqualTo(Role.VIEWER));
    }

    @Test
    void publicMetricsNeedNoToken() {
        try (ArfUnderTest open = new ArfUnderTest(temp.resolve("public"), b -> b.metricsPublic(true))) {
            assertThat(open.get("/metrics", null).statusCode()).isEqualTo(200);
            assertThat(open.get("/metrics/export/prometheus", null).statusCode())
                    .as("the seed's export path keeps its viewer role")
                    .isEqualTo(401);
        }
    }

    @Test
    void promtoolFindsNothingToCriticise() throws IOException, InterruptedException {
        Path promtool = Binaries.require("prometheus", "promtool");
        String text = arf.get("/metrics", Role.VIEWER).body();

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (var in = check.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(said).as("promtool check metrics output").isBlank();
        assertThat(check.exitValue()).isZero();
    }
}
