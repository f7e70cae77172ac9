package dev.arf.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arf.core.telemetry.Metric;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrendForecasterTest {
    private final TrendForecaster forecaster = new TrendForecaster(ForecastSettings.defaults());
    private final double[] values = new double[Metrics.COUNT];

    private void latencyAtMinute(int minute, double p99) {
        Arrays.fill(values, Double.NaN);
        values[Metric.LATENCY_P99.ordinal()] = p99;
        forecaster.observe(values, EventTime.millis(Telemetry.minute(minute)));
    }

    private int p99Index() {
        for (int i = 0; i < forecaster.size(); i++) {
            if (forecaster.metricIndex(i) == Metric.LATENCY_P99.ordinal()) {
                return i;
            }
        }
        throw new AssertionError("no latency forecast");
    }

    @Test
    void aLinearRampReachesItsThresholdWhenTheLineSays() {
        // Rising 10 ms a minute; at 500 ms the 1000 ms threshold is 50 minutes away.
        for (int minute = 0; minute <= 29; minute++) {
            latencyAtMinute(minute, 210 + 10 * minute);
        }
        int i = p99Index();
        assertThat(forecaster.isImminent(i)).isTrue();
        assertThat(forecaster.minutesToThreshold(i)).isCloseTo(50, within(0.5));
        Forecast f = forecaster.forecast(i);
        assertThat(f.timeToThreshold())
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMinutes(49), Duration.ofMinutes(51)));
        assertThat(f.slopePerMinute()).isCloseTo(10, within(1e-6));
        assertThat(f.explanation()).isEqualTo("latency_p99 reaches 1000ms in 50 minutes at +10ms/min");
    }

    @Test
    void aNoisyRampStillForecastsCloseToTheTruth() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int minute = 0; minute <= 29; minute++) {
            latencyAtMinute(minute, 210 + 10 * minute + 8 * rnd.nextGaussian());
        }
        assertThat(forecaster.minutesToThreshold(p99Index())).isCloseTo(50, within(5.0));
    }

    @Test
    void aCrossingBeyondTheHorizonIsNotReported() {
        for (int minute = 0; minute <= 29; minute++) {
            latencyAtMinute(minute, 400 + minute);
        }
        assertThat(forecaster.isImminent(p99Index())).isFalse();
        assertThat(forecaster.imminent()).isZero();
    }

    @Test
    void noiseAroundALevelIsNotATrend() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int minute = 0; minute < 300; minute++) {
            latencyAtMinute(minute, 900 + 30 * rnd.nextGaussian());
            assertThat(forecaster.imminent()).as("minute %d", minute).isZero();
        }
    }

    @Test
    void aFallingMetricIsNotHeadingForItsThreshold() {
        for (int minute = 0; minute <= 29; minute++) {
            latencyAtMinute(minute, 900 - 10 * minute);
        }
        assertThat(forecaster.imminent()).isZero();
    }

    @Test
    void tooFewSamplesGiveNoForecast() {
        for (int minute = 0; minute < 5; minute++) {
            latencyAtMinute(minute, 500 + 100 * minute);
        }
        assertThat(forecaster.imminent()).isZero();
    }

    @Test
    void theWindowForgetsAnOldTrend() {
        for (int minute = 0; minute < 30; minute++) {
            latencyAtMinute(minute, 200 + 20 * minute);
        }
        assertThat(forecaster.imminent()).isOne();
        for (int minute = 30; minute < 200; minute++) {
            latencyAtMinute(minute, 780);
        }
        assertThat(forecaster.imminent()).isZero();
        for (int minute = 200; minute < 230; minute++) {
            latencyAtMinute(minute, 780 + 5 * (minute - 200));
        }
        assertThat(forecaster.minutesToThreshold(p99Index())).isCloseTo(15, within(0.5));
    }
}
