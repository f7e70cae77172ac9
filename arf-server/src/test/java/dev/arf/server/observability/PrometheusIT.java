package dev.arf.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arf.core.access.Role;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian's package) on a free loopback port with a temporary data directory,
 * scraping ARF's {@code /metrics} every second with a viewer token, answers PromQL queries with ARF's
 * series: the ingest counter after the test sent events, and the open-incident gauge.
 */
class PrometheusIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    void prometheusScrapesArfAndAnswersPromQlWithItsSeries() throws IOException {
        Path prometheus = Binaries.require("prometheus", "prometheus");
        try (ArfUnderTest arf = new ArfUnderTest(temp.resolve("data"), b -> {})) {
            for (int i = 0; i < 7; i++) {
                assertThat(arf.post("/api/v1/events", Role.OPERATOR, "{\"service\":\"payments\",\"latency_p99\":80}")
                                .statusCode())
                        .isEqualTo(202);
            }
            Path token = Files.writeString(temp.resolve("viewer.token"), arf.tokens.get(Role.VIEWER));
            int port = Binaries.freePort();
            Path config = Files.writeString(temp.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: arf
                        scrape_interval: 1s
                        scrape_timeout: 1s
                        metrics_path: /metrics
                        authorization:
                          type: Bearer
                          credentials_file: %s
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(token, arf.port()));
            try (ExternalServer server = ExternalServer.start(
                    temp.resolve("prometheus.log"),
                    List.of(
                            prometheus.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + temp.resolve("tsdb"),
                            "--web.listen-address=127.0.0.1:" + port))) {
                HttpClient client = HttpClient.newHttpClient();

                await("Prometheus answering arf_ingest_events_accepted_total")
                        .atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .failFast("Prometheus exited", () -> !server.alive())
                        .untilAsserted(
                                () -> assertThat(query(client, port, "arf_ingest_events_accepted_total{job=\"arf\"}"))
                                        .as("Prometheus' log:%n%s", server.output())
                                        .hasValue("7"));

                assertThat(query(client, port, "arf_incidents_open")).hasValue("0");
                assertThat(query(client, port, "up{job=\"arf\"}")).hasValue("1");
                assertThat(query(client, port, "arf_service_state{service=\"payments\",state=\"healthy\"}"))
                        .hasValue("1");
            }
        }
    }

    /** The first sample's value of an instant query, if there is one. */
    private static Optional<String> query(HttpClient client, int port, String promql) {
        HttpResponse<String> answer = ArfUnderTest.send(
                client,
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                                + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build());
        if (answer.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode result = JSON.readTree(answer.body()).path("data").path("result");
        if (!result.isArray() || result.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(result.get(0).path("value").get(1).asString());
    }
}
