package dev.arf.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arf.core.telemetry.Metric;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    private static final int P99 = Metric.LATENCY_P99.ordinal();
    private static final int THROUGHPUT = Metric.THROUGHPUT.ordinal();

    private final Baselines baselines = new Baselines(BaselineSettings.defaults());
    private final SplittableRandom rnd = new SplittableRandom(7);
    private final double[] values = new double[Metrics.COUNT];

    private void feed(double p99, double throughput) {
        Arrays.fill(values, Double.NaN);
        values[P99] = p99;
        values[THROUGHPUT] = throughput;
        baselines.observe(values, Instant.EPOCH, true);
    }

    private void feedNormal(int samples) {
        for (int i = 0; i < samples; i++) {
            feed(120 + 5 * rnd.nextGaussian(), 500 + 10 * rnd.nextGaussian());
        }
    }

    @Test
    void judgesNoDeviationDuringWarmUp() {
        feedNormal(29);
        feed(5000, 500);
        assertThat(baselines.warmingUp()).isTrue();
        assertThat(baselines.z(P99)).isZero();
        feed(120, 500);
        assertThat(baselines.warmingUp()).isFalse();
    }

    @Test
    void aFarValueGetsALargeRobustZScore() {
        feedNormal(200);
        assertThat(baselines.center(P99)).isCloseTo(120, within(3.0));
        assertThat(baselines.sigma(P99)).isCloseTo(5, within(1.5));
        feed(170, 500);
        assertThat(baselines.z(P99)).isBetween(6.0, 14.0);
        feed(121, 500);
        assertThat(Math.abs(baselines.z(P99))).isLessThan(2);
    }

    @Test
    void onlyTheBadDirectionCountsButAThroughputDropDoes() {
        feedNormal(200);
        feed(60, 200);
        assertThat(baselines.z(P99)).isLessThan(-6);
        assertThat(baselines.badZ(P99)).as("faster is not worse").isZero();
        assertThat(baselines.badZ(THROUGHPUT)).as("a traffic drop matters").isGreaterThan(6);
    }

    @Test
    void anOngoingAnomalyIsNotQuicklyLearnedAsNormal() {
        feedNormal(200);
        for (int i = 0; i < 30; i++) {
            feed(300 + 5 * rnd.nextGaussian(), 500);
        }
        assertThat(baselines.badZ(P99)).isGreaterThan(8);
        assertThat(baselines.center(P99)).isLessThan(140);
    }

    @Test
    void aSingleOutlierBarelyMovesTheBaseline() {
        feedNormal(200);
        double before = baselines.center(P99);
        feed(1_000_000, 500);
        assertThat(baselines.center(P99)).isCloseTo(before, within(1.0));
    }

    @Test
    void aMetricNotReportedIsSkippedWithoutPoisoningTheBaseline() {
        feedNormal(100);
        var before = baselines.stats().get("latency_p99");
        feed(Double.NaN, 500);
        assertThat(baselines.stats().get("latency_p99")).isEqualTo(before);
        assertThat(baselines.z(P99)).isZero();
        assertThat(baselines.center(P99)).isFinite();
    }

    @Test
    void aConstantMetricDoesNotMakeEveryWiggleInfinite() {
        for (int i = 0; i < 100; i++) {
            feed(100, 500);
        }
        feed(101, 500);
        assertThat(baselines.z(P99)).isFinite().isLessThan(1);
    }

    @Test
    void restoredStatisticsAreJudgedAtOnce() {
        feedNormal(100);
        Baselines restored = new Baselines(BaselineSettings.defaults());
        restored.restore(baselines.stats());
        Arrays.fill(values, Double.NaN);
        values[P99] = 400;
        restored.observe(values, Instant.EPOCH, true);
        assertThat(restored.warmingUp()).isFalse();
        assertThat(restored.badZ(P99)).isGreaterThan(10);
    }
}
