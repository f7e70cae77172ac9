package dev.arf.bench;

import dev.arf.core.access.ApiTokens;
import dev.arf.core.access.Role;
import dev.arf.server.ArfServer;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest end to end over loopback HTTP: a real {@code ArfServer} on an embedded store in a temporary directory,
 * {@code clients} concurrent senders posting telemetry for {@code seconds}, each request carrying {@code batch}
 * events (six metrics each) and its own idempotency key. Reports acknowledged events/s and metric samples/s,
 * latency percentiles, every status seen, and then — the server closed — counts the events in the store to check
 * that every acknowledged event is there.
 *
 * <pre>java -cp arf-bench.jar dev.arf.bench.IngestLoadDriver [seconds] [clients] [batch] [services]</pre>
 */
public final class IngestLoadDriver {
    private IngestLoadDriver() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int services = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Path data = Files.createTempDirectory("arf-ingest-bench");
        JdbcReliabilityStore store = Stores.embedded(data);
        ArfServer server =
                ArfServer.builder(store).port(0).version("bench").build().start();
        String token = new ApiTokens(store.apiTokens(), store.audit(), Clock.systemUTC(), new SecureRandom())
                .create("load-driver", Role.OPERATOR, "bench")
                .secret();
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/events");
        // HTTP/1.1 keep-alive, as load balancers and agents send; the JDK's default would try an h2c upgrade.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();

        AtomicLong acknowledged = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long[] statuses = new long[600];
        List<long[]> latencies = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Instant base = Instant.now();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> senders = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                senders.add(pool.submit(() -> {
                    long[] mine = new long[1 << 20];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long id = sequence.getAndIncrement();
                        String body = body(id, batch, services, base);
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "load-" + id)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                        long started = System.nanoTime();
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - started;
                        synchronized (statuses) {
                            statuses[Math.min(response.statusCode(), statuses.length - 1)]++;
                        }
                        if (response.statusCode() == 202) {
                            acknowledged.addAndGet(batch);
                        }
                        if (n < mine.length) {
                            mine[n++] = took;
                        }
                    }
                    return Arrays.copyOf(mine, n);
                }));
            }
            for (Future<long[]> f : senders) {
                latencies.add(f.get());
            }
        }
        server.close();
        store.close();

        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long stored = countStored(data);
        double perSecond = acknowledged.get() / (double) seconds;
        System.out.printf(
                Locale.ROOT,
                "ingest: %d s, %d clients, %d event(s) per request, %d services%n"
                        + "  acknowledged events: %,d (%,.0f events/s, %,.0f metric samples/s)%n"
                        + "  requests: %,d; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n"
                        + "  statuses: %s%n"
                        + "  events in the store after close: %,d (%s)%n",
                seconds,
                clients,
                batch,
                services,
                acknowledged.get(),
                perSecond,
                perSecond * 6,
                all.length,
                percentile(all, 0.50),
                percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                statusText(statuses),
                stored,
                stored >= acknowledged.get()
                        ? "every acknowledged event is there"
                        : "LOST " + (acknowledged.get() - stored));
    }

    private static String body(long id, int batch, int services, Instant base) {
        StringBuilder b = new StringBuilder(batch == 1 ? "" : "[");
        for (int i = 0; i < batch; i++) {
            long n = id * batch + i;
            if (i > 0) {
                b.append(',');
            }
            b.append(String.format(
                    Locale.ROOT,
                    "{\"service\":\"svc-%d\",\"timestamp\":\"%s\",\"latency_p99\":%.1f,\"error_rate\":%.4f,"
                            + "\"throughput\":%d,\"cpu_util\":%.3f,\"memory_util\":%.3f,\"latency_p50\":%.1f}",
                    n % services,
                    base.plusMillis(n),
                    120.0 + n % 17,
                    0.001 + (n % 7) / 10000.0,
                    900 + n % 50,
                    0.35 + (n % 11) / 100.0,
                    0.5 + (n % 5) / 100.0,
                    40.0 + n % 9));
        }
        return batch == 1 ? b.toString() : b.append(']').toString();
    }

    private static long countStored(Path data) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:h2:file:" + data.resolve("arf") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery("select count(*) from telemetry_events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0
                ? 0
                : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static String statusText(long[] statuses) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < statuses.length; s++) {
            if (statuses[s] > 0) {
                b.append(b.isEmpty() ? "" : ", ").append(s).append(" × ").append(statuses[s]);
            }
        }
        return b.toString();
    }
}
