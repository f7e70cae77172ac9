package dev.arf.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.arf.config.PrometheusSourceLoader;
import dev.arf.core.access.Role;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus as a telemetry source end to end: a tiny exporter (the JDK's HTTP server, text format)
 * scraped every second by a real Prometheus, and ARF polling that Prometheus with the PromQL queries
 * of a source file; the exporter's values arrive as the service's telemetry, and a change follows.
 */
class PrometheusSourceIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    void theExportersValuesReachArfThroughPrometheus() throws IOException {
        Path prometheus = Binaries.require("prometheus", "prometheus");
        AtomicReference<String> exposition = new AtomicReference<>("""
                # HELP shop_latency_p99_ms 99th percentile latency.
                # TYPE shop_latency_p99_ms gauge
                shop_latency_p99_ms{service="checkout"} 123
                # HELP shop_error_ratio Share of failed requests.
                # TYPE shop_error_ratio gauge
                shop_error_ratio{service="checkout"} 0.02
                """);
        HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exporter.createContext("/metrics", exchange -> {
            byte[] body = exposition.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        exporter.start();
        int port = Binaries.freePort();
        Path config = Files.writeString(temp.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: shop
                    scrape_interval: 1s
                    scrape_timeout: 1s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(
                        exporter.getAddress().getPort()));
        Path source = Files.writeString(temp.resolve("source.yaml"), """
                prometheus:
                  url: http://127.0.0.1:%d
                  interval: 1s
                  timeout: 1s
                  max_backoff: 2s
                services:
                  checkout:
                    latency_p99: max(shop_latency_p99_ms{service="checkout"})
                    error_rate: max(shop_error_ratio{service="checkout"})
                """.formatted(port));
        try (ExternalServer server = ExternalServer.start(
                        temp.resolve("prometheus.log"),
                        List.of(
                                prometheus.toString(),
                                "--config.file=" + config,
                                "--storage.tsdb.path=" + temp.resolve("tsdb"),
                                "--web.listen-address=127.0.0.1:" + port));
                ArfUnderTest arf = new ArfUnderTest(
                        temp.resolve("data"), b -> b.prometheusSource(new PrometheusSourceLoader().load(source)))) {
            await("checkout's telemetry from Prometheus")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("Prometheus exited", () -> !server.alive())
                    .untilAsserted(
                            () -> assertThat(latest(arf).path("latency_p99").asDouble())
                                    .as("Prometheus' log:%n%s", server.output())
                                    .isEqualTo(123.0));
            assertThat(latest(arf).path("error_rate").asDouble()).isEqualTo(0.02);

            exposition.set(exposition.get().replace("} 123", "} 456"));

            await("the exporter's new value")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(
                            () -> assertThat(latest(arf).path("latency_p99").asDouble())
                                    .isEqualTo(456.0));
        } finally {
            exporter.stop(0);
        }
    }

    private static JsonNode latest(ArfUnderTest arf) {
        return JSON.readTree(arf.get("/api/v1/services/checkout", Role.VIEWER).body())
                .path("latest");
    }
}
