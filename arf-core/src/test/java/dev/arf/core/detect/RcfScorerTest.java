package dev.arf.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.telemetry.Metric;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RcfScorerTest {
    private final Baselines baselines = new Baselines(BaselineSettings.defaults());
    private final RcfScorer scorer = new RcfScorer(RcfSettings.defaults(), 1234L, new ForestCacheBudget(1));
    private final SplittableRandom rnd = new SplittableRandom(11);
    private final double[] values = new double[Metrics.COUNT];

    private double observe(double p99Extra) {
        values[0] = 50 + 2 * rnd.nextGaussian();
        values[1] = 90 + 4 * rnd.nextGaussian();
        values[2] = 120 + 5 * rnd.nextGaussian() + p99Extra;
        values[3] = 0.01 + 0.001 * rnd.nextGaussian();
        values[4] = 500 + 10 * rnd.nextGaussian();
        values[5] = 0.4 + 0.02 * rnd.nextGaussian();
        values[6] = 0.5 + 0.01 * rnd.nextGaussian();
        baselines.observe(values, Instant.EPOCH, true);
        return baselines.warmingUp() ? 0 : scorer.observe(baselines, values, Instant.EPOCH);
    }

    @Test
    void aPlantedSpikeScoresFarAboveNormalSamples() {
        for (int i = 0; i < 400; i++) {
            observe(0);
        }
        double[] normal = new double[50];
        for (int i = 0; i < normal.length; i++) {
            observe(0);
            normal[i] = scorer.score();
        }
        Arrays.sort(normal);
        observe(200);
        double spike = scorer.score();
        assertThat(spike).isGreaterThan(1.8 * normal[normal.length / 2]).isGreaterThan(normal[normal.length - 1] + 0.3);
        assertThat(scorer.evidence()).isPositive();
        assertThat(Metric.LATENCY_P99.ordinal()).isEqualTo(2);
    }

    @Test
    void theSameSeedGivesTheSameScores() {
        RcfScorer other = new RcfScorer(RcfSettings.defaults(), 1234L, new ForestCacheBudget(1));
        Baselines otherBaselines = new Baselines(BaselineSettings.defaults());
        SplittableRandom data = new SplittableRandom(2);
        for (int i = 0; i < 300; i++) {
            for (int m = 0; m < values.length; m++) {
                values[m] = 100 + data.nextGaussian();
            }
            baselines.observe(values, Instant.EPOCH, true);
            otherBaselines.observe(values, Instant.EPOCH, true);
            if (!baselines.warmingUp()) {
                scorer.observe(baselines, values, Instant.EPOCH);
                other.observe(otherBaselines, values, Instant.EPOCH);
                assertThat(other.score()).isEqualTo(scorer.score());
            }
        }
    }
}
