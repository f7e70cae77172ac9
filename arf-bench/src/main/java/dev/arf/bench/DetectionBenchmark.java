package dev.arf.bench;

import com.amazon.randomcutforest.RandomCutForest;
import dev.arf.core.detect.AnomalyDetector;
import dev.arf.core.detect.Detection;
import dev.arf.core.detect.DetectorSettings;
import dev.arf.core.detect.RcfSettings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link AnomalyDetector#observe} over 100 services, one event per operation.
 *
 * <ul>
 *   <li>{@code detectWithoutRcf}: rules, baselines, forecasts, fusion (target: 2,000,000 events/s).
 *   <li>{@code detectWithRcf}: the same plus the default Random Cut Forest.
 *   <li>{@code rcfAlone}: the same forests (trees, sample size, shingle, dimensions, cache) doing only
 *       getAnomalyScore + update on comparable normalised vectors; detectWithRcf should reach 80 % of
 *       it.
 * </ul>
 *
 * Every state is warmed up before measuring: baselines past warm-up, forests' samples full.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class DetectionBenchmark {
    private static final long SEED = 20250301L;
    private static final int WARM_EVENTS_PER_SERVICE = 200;

    @State(Scope.Thread)
    public static class WithoutRcf {
        @Param({"100"})
        int services;

        DetectionData data;
        AnomalyDetector detector;

        @Setup(Level.Trial)
        public void setUp() {
            data = new DetectionData(services, SEED);
            detector = new AnomalyDetector(
                    DetectorSettings.builder().rcf(RcfSettings.disabled()).build());
            for (int i = 0; i < services * WARM_EVENTS_PER_SERVICE; i++) {
                detector.observe(data.nextEvent());
            }
        }
    }

    @State(Scope.Thread)
    public static class WithRcf {
        @Param({"100"})
        int services;

        DetectionData data;
        AnomalyDetector detector;

        @Setup(Level.Trial)
        public void setUp() {
            data = new DetectionData(services, SEED);
            detector = new AnomalyDetector(DetectorSettings.defaults());
            for (int i = 0; i < services * WARM_EVENTS_PER_SERVICE; i++) {
                detector.observe(data.nextEvent());
            }
        }
    }

    @State(Scope.Thread)
    public static class RcfAlone {
        @Param({"100"})
        int services;

        DetectionData data;
        RandomCutForest[] forests;

        @Setup(Level.Trial)
        public void setUp() {
            data = new DetectionData(services, SEED);
            RcfSettings s = RcfSettings.defaults();
            forests = new RandomCutForest[services];
            for (int i = 0; i < services; i++) {
                forests[i] = RandomCutForest.builder()
                        .dimensions(7 * s.shingleSize())
                        .shingleSize(s.shingleSize())
                        .internalShinglingEnabled(true)
                        .numberOfTrees(s.numberOfTrees())
                        .sampleSize(s.sampleSize())
                        .outputAfter(Math.max(1, s.sampleSize() / 4))
                        .randomSeed(SEED + i)
                        .boundingBoxCacheFraction(s.boundingBoxCacheFraction())
                        .parallelExecutionEnabled(false)
                        .build();
            }
            for (int i = 0; i < services * WARM_EVENTS_PER_SERVICE; i++) {
                score(this);
            }
        }
    }

    private static double score(RcfAlone state) {
        int slot = state.data.nextSlot();
        RandomCutForest forest = state.forests[slot % state.forests.length];
        float[] point = state.data.normalised[slot];
        double score = forest.getAnomalyScore(point);
        forest.update(point);
        return score;
    }

    @Benchmark
    public Detection detectWithoutRcf(WithoutRcf state) {
        return state.detector.observe(state.data.nextEvent());
    }

    @Benchmark
    public Detection detectWithRcf(WithRcf state) {
        return state.detector.observe(state.data.nextEvent());
    }

    @Benchmark
    public double rcfAlone(RcfAlone state) {
        return score(state);
    }
}
