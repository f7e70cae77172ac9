package dev.arf.bench;

import dev.arf.core.detect.DetectorSettings;
import dev.arf.core.detect.RcfSettings;
import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import dev.arf.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code process(event)} end to end in-process: validation, detection (RCF included), agents,
 * policies, incidents and the embedded H2 store with batched telemetry writes. Two threads, as on
 * the 2-core target machine. Events come from a seeded stream over 200 services with occasional
 * anomalies (1 in 500 samples), so the analysis and incident paths are exercised too.
 *
 * <p>Run: {@code java -jar arf-bench/target/arf-bench.jar EngineBenchmark}. Throughput mode gives
 * events/s; sample mode gives the latency percentiles (p99).
 */
@State(Scope.Benchmark)
@Threads(2)
public class EngineBenchmark {
    private static final int SERVICES = 200;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] SERVICE_NAMES = java.util.stream.IntStream.range(0, SERVICES)
            .mapToObj(i -> "svc-" + i)
            .toArray(String[]::new);

    @Param({"embedded", "none"})
    public String store;

    /** The engine's default detectors, or the same without the Random Cut Forest. */
    @Param({"default", "no-rcf"})
    public String detectors;

    private Path dataDir;
    private ReliabilityStore reliabilityStore;
    private ReliabilityEngine engine;
    private final AtomicLong cursor = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("arf-bench");
        reliabilityStore = "embedded".equals(store) ? Stores.embedded(dataDir) : ReliabilityStore.NONE;
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        DetectorSettings settings = "no-rcf".equals(detectors)
                ? DetectorSettings.builder().rcf(RcfSettings.disabled()).build()
                : DetectorSettings.defaults();
        engine = ReliabilityEngine.builder()
                .clock(clock)
                .store(reliabilityStore)
                .detectorSettings(settings)
                .build();
        // Warm every service past its baseline warm-up so the measured path is the steady state.
        for (int i = 0; i < SERVICES * 40; i++) {
            engine.process(next());
        }
    }

    /**
     * The next event of a seeded stream: services in turn, each one every 15 s of event time, with
     * small noise and an anomalous sample one time in 500. Generated on the fly so that event time
     * only moves forward however long the benchmark runs (late events take a cheaper path and would
     * flatter the figures).
     */
    private TelemetryEvent next() {
        long i = cursor.getAndIncrement();
        SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        boolean anomalous = random.nextInt(500) == 0;
        double load = 1 + 0.1 * Math.sin(i / 5000.0);
        Instant t = START.plusSeconds(15 * (i / SERVICES));
        return TelemetryEvent.builder(SERVICE_NAMES[(int) (i % SERVICES)], t)
                .latencyP50(40 * load + random.nextDouble(5))
                .latencyP95(90 * load + random.nextDouble(10))
                .latencyP99((anomalous ? 900 : 140) * load + random.nextDouble(20))
                .errorRate(anomalous ? 0.3 : random.nextDouble(0.005))
                .throughput(800 * load + random.nextDouble(40))
                .cpuUtil(0.45 * load + random.nextDouble(0.03))
                .memoryUtil(0.55 + random.nextDouble(0.02))
                .build();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AnalysisResult processThroughput() {
        return engine.process(next());
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public AnalysisResult processLatency() {
        return engine.process(next());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        reliabilityStore.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
