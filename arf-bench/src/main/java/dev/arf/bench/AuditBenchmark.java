package dev.arf.bench;

import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditEvents;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Durable audit appends per second: four threads appending to the embedded store's audit chain, so
 * group commit has company to batch. Each operation returns only after its record is committed, so
 * the score is committed records/s.
 *
 * <p>Run: {@code java -jar arf-bench/target/arf-bench.jar AuditBenchmark}.
 */
@State(Scope.Benchmark)
@Threads(4)
public class AuditBenchmark {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private Path dataDir;
    private JdbcReliabilityStore store;
    private AuditLog audit;
    private final AtomicLong cursor = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("arf-bench-audit");
        store = Stores.embedded(dataDir);
        audit = store.audit();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AuditRecord append() {
        long i = cursor.getAndIncrement();
        return audit.append(new AuditEntry(
                START.plusMillis(i),
                AuditEvents.ORCH_EXEC,
                "svc-" + (i % 200),
                "engine",
                Map.of("action", "RESTART", "attempt", Long.toString(i), "reason", "latency p99 above 800 ms")));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
