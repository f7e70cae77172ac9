package dev.arf.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.config.PrometheusSource;
import dev.arf.core.telemetry.Metric;
import dev.arf.server.events.InProcessEventBus;
import dev.arf.server.runtime.EngineRuntime;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusPollerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Duration MAX = Duration.ofMinutes(5);

    @TempDir
    Path temp;

    @Test
    void pollsOnTheIntervalWhilePrometheusAnswers() {
        assertThat(PrometheusPoller.delay(INTERVAL, MAX, 0)).isEqualTo(INTERVAL);
    }

    @Test
    void doublesTheWaitAfterEachFailureUpToTheMaximum() {
        assertThat(PrometheusPoller.delay(INTERVAL, MAX, 1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(PrometheusPoller.delay(INTERVAL, MAX, 2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(PrometheusPoller.delay(INTERVAL, MAX, 4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(PrometheusPoller.delay(INTERVAL, MAX, 5)).isEqualTo(MAX);
        assertThat(PrometheusPoller.delay(INTERVAL, MAX, 1_000_000)).isEqualTo(MAX);
    }

    @Test
    void aPrometheusThatDoesNotAnswerFailsThePollAndNothingIsIngested() {
        PrometheusSource source = new PrometheusSource(
                URI.create("http://127.0.0.1:" + Binaries.freePort()),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(4),
                Optional.empty(),
                List.of(new PrometheusSource.ServiceQueries("checkout", Map.of(Metric.LATENCY_P99, "up"), Map.of())));
        try (JdbcReliabilityStore store = Stores.embedded(temp)) {
            EngineRuntime runtime =
                    EngineRuntime.builder(store, new InProcessEventBus()).build();
            try (PrometheusPoller poller = new PrometheusPoller(source, runtime.ingest(), runtime.clock())) {
                assertThat(poller.pollOnce()).isFalse();
                assertThat(poller.failedPolls()).isEqualTo(1);
                assertThat(runtime.ingest().accepted()).isZero();
            } finally {
                runtime.close();
            }
        }
    }
}
