package dev.arf.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.Operator;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTrackerTest {
    private static final ThresholdRule CPU_HIGH =
            new ThresholdRule("cpu_high", "cpu_util", Operator.GT, 0.80, Duration.ofMinutes(5), Severity.HIGH);

    private final RuleTracker tracker = new RuleTracker(List.of(CPU_HIGH));
    private final double[] values = new double[Metrics.COUNT];

    private RuleState cpuAt(Instant at, double cpu) {
        TelemetryEvent.Builder b = TelemetryEvent.builder("checkout", at).latencyP99(100);
        if (!Double.isNaN(cpu)) {
            b.cpuUtil(cpu);
        }
        TelemetryEvent event = b.build();
        Metrics.read(event, values);
        tracker.observe(event, values, EventTime.millis(at), at);
        return tracker.state(0);
    }

    private RuleState cpuAtSecond(long second, double cpu) {
        return cpuAt(Telemetry.T0.plusSeconds(second), cpu);
    }

    @Test
    void becomesPendingWhenTheConditionStartsToHold() {
        assertThat(cpuAtSecond(0, 0.5)).isEqualTo(RuleState.INACTIVE);
        assertThat(tracker.activeSince(0)).isNull();
        assertThat(cpuAtSecond(60, 0.9)).isEqualTo(RuleState.PENDING);
        assertThat(tracker.activeSince(0)).isEqualTo(Telemetry.T0.plusSeconds(60));
    }

    @Test
    void firesOnlyAfterTheForDurationHasElapsedOnEventTime() {
        assertThat(cpuAtSecond(0, 0.9)).isEqualTo(RuleState.PENDING);
        assertThat(cpuAtSecond(120, 0.95)).isEqualTo(RuleState.PENDING);
        assertThat(cpuAtSecond(299, 0.95)).isEqualTo(RuleState.PENDING);
        assertThat(cpuAtSecond(300, 0.95)).isEqualTo(RuleState.FIRING);
        assertThat(tracker.activeSince(0)).isEqualTo(Telemetry.T0);
        assertThat(cpuAtSecond(900, 0.95)).isEqualTo(RuleState.FIRING);
    }

    @Test
    void aPendingRuleWhoseConditionStopsHoldingIsInactiveAgainAndStartsOver() {
        cpuAtSecond(0, 0.9);
        assertThat(cpuAtSecond(240, 0.7)).isEqualTo(RuleState.INACTIVE);
        assertThat(cpuAtSecond(270, 0.9)).isEqualTo(RuleState.PENDING);
        assertThat(cpuAtSecond(300, 0.9)).as("the clock restarted at 270 s").isEqualTo(RuleState.PENDING);
        assertThat(cpuAtSecond(570, 0.9)).isEqualTo(RuleState.FIRING);
    }

    @Test
    void resolvesOnTheFirstSampleWhereTheConditionNoLongerHoldsThenBecomesInactive() {
        cpuAtSecond(0, 0.9);
        cpuAtSecond(300, 0.9);
        assertThat(cpuAtSecond(360, 0.5)).isEqualTo(RuleState.RESOLVED);
        assertThat(cpuAtSecond(420, 0.5)).isEqualTo(RuleState.INACTIVE);
        assertThat(tracker.activeSince(0)).isNull();
    }

    @Test
    void aResolvedRuleWhoseConditionHoldsAgainIsPendingAnew() {
        cpuAtSecond(0, 0.9);
        cpuAtSecond(300, 0.9);
        cpuAtSecond(360, 0.5);
        assertThat(cpuAtSecond(420, 0.9)).isEqualTo(RuleState.PENDING);
        assertThat(tracker.activeSince(0)).isEqualTo(Telemetry.T0.plusSeconds(420));
    }

    @Test
    void aZeroForDurationFiresOnTheFirstSample() {
        RuleTracker immediate = new RuleTracker(
                List.of(new ThresholdRule("errors", "error_rate", Operator.GE, 0.5, Duration.ZERO, Severity.CRITICAL)));
        TelemetryEvent e =
                TelemetryEvent.builder("a", Telemetry.T0).errorRate(0.5).build();
        Metrics.read(e, values);
        immediate.observe(e, values, EventTime.millis(e.timestamp()), e.timestamp());
        assertThat(immediate.state(0)).isEqualTo(RuleState.FIRING);
    }

    @Test
    void aSampleWithoutTheMetricLeavesTheRuleUnchanged() {
        cpuAtSecond(0, 0.9);
        assertThat(cpuAtSecond(100, Double.NaN)).isEqualTo(RuleState.PENDING);
        assertThat(tracker.value(0)).isEqualTo(0.9);
        assertThat(cpuAtSecond(300, 0.9)).isEqualTo(RuleState.FIRING);
        assertThat(cpuAtSecond(400, Double.NaN)).isEqualTo(RuleState.FIRING);
    }

    @Test
    void rulesOnCustomMetricsReadTheCustomValue() {
        RuleTracker custom = new RuleTracker(List.of(
                new ThresholdRule("queue", "queue_depth", Operator.GT, 100, Duration.ofMinutes(1), Severity.MEDIUM)));
        for (int s = 0; s <= 60; s += 30) {
            TelemetryEvent e = TelemetryEvent.builder("a", Telemetry.T0.plusSeconds(s))
                    .custom("queue_depth", 500)
                    .build();
            Metrics.read(e, values);
            custom.observe(e, values, EventTime.millis(e.timestamp()), e.timestamp());
        }
        assertThat(custom.state(0)).isEqualTo(RuleState.FIRING);
        assertThat(custom.metricIndex(0)).isEqualTo(-1);
    }

    @Test
    void theDefaultsAreTheSeedRulesAndSensibleOnes() {
        assertThat(ThresholdRule.defaults())
                .extracting(ThresholdRule::describe)
                .containsExactly(
                        "cpu_util > 80.0% for 5m",
                        "memory_util > 85.0% for 5m", "error_rate > 5.0% for 1m", "latency_p99 > 1000ms for 2m");
        assertThat(ThresholdRule.defaults())
                .extracting(ThresholdRule::severity)
                .containsExactly(Severity.HIGH, Severity.HIGH, Severity.HIGH, Severity.MEDIUM);
        assertThat(ThresholdRule.defaults().get(0).metric()).isEqualTo(Metric.CPU_UTIL.key());
    }

    @Test
    void anInvalidRuleIsRefusedNamingItsProblems() {
        assertThatThrownBy(() -> new ThresholdRule("x", " ", Operator.GT, Double.NaN, Duration.ofSeconds(-1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metric")
                .hasMessageContaining("threshold")
                .hasMessageContaining("for")
                .hasMessageContaining("severity");
    }
}
