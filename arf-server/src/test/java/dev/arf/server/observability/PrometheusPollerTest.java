package dev.arf.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusPollerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Duration MAX = Duration.ofMinutes(5);

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
}
