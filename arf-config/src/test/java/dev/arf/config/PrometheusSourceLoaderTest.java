package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arf.core.telemetry.Metric;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrometheusSourceLoaderTest {
    private final PrometheusSourceLoader loader = new PrometheusSourceLoader();

    @Test
    void readsTheQueriesPerServiceWithDefaultsForWhatIsLeftOut() {
        PrometheusSource source = loader.load("""
                prometheus:
                  url: http://127.0.0.1:9090
                  bearer_token_file: /run/secrets/prometheus
                services:
                  checkout:
                    latency_p99: histogram_quantile(0.99, sum(rate(h_bucket{job="checkout"}[1m])) by (le)) * 1000
                    error_rate: sum(rate(errors_total{job="checkout"}[1m]))
                    custom:
                      queue_depth: max(queue_depth{job="checkout"})
                """, "source.yaml");

        assertThat(source.url()).isEqualTo(URI.create("http://127.0.0.1:9090"));
        assertThat(source.interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(source.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(source.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(source.bearerTokenFile()).isEqualTo(Optional.of(Path.of("/run/secrets/prometheus")));
        assertThat(source.services()).singleElement().satisfies(s -> {
            assertThat(s.service()).isEqualTo("checkout");
            assertThat(s.metrics()).containsOnlyKeys(Metric.LATENCY_P99, Metric.ERROR_RATE);
            assertThat(s.custom()).isEqualTo(Map.of("queue_depth", "max(queue_depth{job=\"checkout\"})"));
        });
    }

    @Test
    void namesEveryProblemWithItsLineAndField() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load("""
                        prometheus:
                          url: http://127.0.0.1:9090
                          interval: 10s
                          timeout: 30s
                          max_backoff: 5s
                        services:
                          checkout:
                            latency_p99: up
                        """, "source.yaml"));

        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "source.yaml:4:12: prometheus.timeout: must not be longer than the interval",
                        "source.yaml:5:16: prometheus.max_backoff: must not be shorter than the interval");
    }

    @Test
    void refusesUnknownMetricsAndAMissingUrl() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load("""
                        prometheus:
                          interval: 10s
                        services:
                          checkout:
                            latency_p999: up
                        """, "source.yaml"));

        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(e.getMessage()).contains("url").contains("latency_p999");
    }
}
