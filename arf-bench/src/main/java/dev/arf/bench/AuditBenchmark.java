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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Durable audit appends per second: four threads appending to a store's audit chain, so group commit
 * has company to batch. Each operation returns only after its record is committed, so the score is
 * committed records/s. The store ({@code -p store=…}):
 *
 * <ul>
 *   <li>{@code embedded}: the embedded H2 store as ARF opens it by default ({@link
 *       Stores.EmbeddedCommits#CRITICAL_WRITTEN}): a batch holding an intent is written to the file before
 *       its appends return (survives a killed process) — the records appended here are intents;
 *   <li>{@code embedded-written}: the same with {@link Stores.EmbeddedCommits#WRITTEN}, every commit
 *       written to the file before it returns (survives a killed process);
 *   <li>{@code postgres}: the PostgreSQL database at {@code -Darf.bench.pg.url=jdbc:postgresql://…}
 *       (user and password in the URL); durable as the server is configured (with the defaults,
 *       {@code fsync} and {@code synchronous_commit} on, a commit is flushed to the WAL on disk before
 *       it returns). {@code run.sh} starts a private server so configured.
 * </ul>
 *
 * <p>Run: {@code java -jar arf-bench/target/arf-bench.jar AuditBenchmark -p store=embedded}.
 */
@State(Scope.Benchmark)
@Threads(4)
public class AuditBenchmark {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** System property naming the PostgreSQL database for {@code store=postgres}. */
    public static final String POSTGRES_URL = "arf.bench.pg.url";

    /** {@code postgres} runs only when asked for: {@code -p store=postgres}. */
    @Param({"embedded", "embedded-written"})
    public String store;

    private Path dataDir;
    private JdbcReliabilityStore opened;
    private AuditLog audit;
    private final AtomicLong cursor = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        opened = switch (store) {
            case "embedded" -> Stores.embedded(newDataDir());
            case "embedded-written" ->
                Stores.embedded(newDataDir(), Stores.DEFAULT_TELEMETRY_BATCH_SIZE, Stores.EmbeddedCommits.WRITTEN);
            case "postgres" -> Stores.fromUrl(postgresUrl());
            default ->
                throw new IllegalArgumentException(
                        "unknown store '" + store + "': embedded, embedded-written or postgres");
        };
        audit = opened.audit();
    }

    private Path newDataDir() throws IOException {
        dataDir = Files.createTempDirectory("arf-bench-audit");
        return dataDir;
    }

    private static String postgresUrl() {
        String url = System.getProperty(POSTGRES_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("store=postgres needs -D" + POSTGRES_URL
                    + "=jdbc:postgresql://host:port/database?user=… (passed to the forks with -jvmArgsAppend),"
                    + " or run: bash arf-bench/run.sh audit");
        }
        return url;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AuditRecord append() {
        long i = cursor.getAndIncrement();
        return audit.append(new AuditEntry(
                START.plusMillis(i),
                AuditEvents.ORCH_INTENT,
                "svc-" + (i % 200),
                "engine",
                Map.of("action", "RESTART", "attempt", Long.toString(i), "reason", "latency p99 above 800 ms")));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        opened.close();
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
