package dev.arf.bench;

import dev.arf.core.access.ApiTokens;
import dev.arf.core.access.Role;
import dev.arf.server.ArfServer;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Does an SSE fan-out slow ingest? Usage: {@code SseFanoutLoad [subscribers=100] [eventsPerRound=4000]
 * [rounds=3] [senders=4]}. One {@code arf serve} (embedded store in a temporary directory, loopback),
 * telemetry sent one event per request by {@code senders} threads over HTTP; 200 services, one sample in
 * 40 anomalous, so incidents open and resolve and the stream has events to carry. Rounds alternate
 * without and with {@code subscribers} SSE clients connected (each reading every event), and the
 * median ingest rate of each side is compared.
 */
public final class SseFanoutLoad {
    private static final int SERVICES = 200;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SplittableRandom random = new SplittableRandom(42);
    private final Instant t0 = Instant.parse("2026-11-27T00:00:00Z");
    private final long[] step = new long[SERVICES];
    private String base;
    private String operator;
    private String viewer;

    private SseFanoutLoad() {}

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int senders = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        new SseFanoutLoad().run(subscribers, perRound, rounds, senders);
    }

    private void run(int subscribers, int perRound, int rounds, int senders) throws Exception {
        Path dir = Files.createTempDirectory("arf-sse-load");
        try (JdbcReliabilityStore store = Stores.embedded(dir.resolve("data"));
                ArfServer server = ArfServer.builder(store)
                        .port(0)
                        .version("bench")
                        .build()
                        .start()) {
            base = "http://127.0.0.1:" + server.port();
            ApiTokens tokens = new ApiTokens(store.apiTokens(), store.audit(), Clock.systemUTC(), new SecureRandom());
            operator = tokens.create("load-operator", Role.OPERATOR, "bench").secret();
            viewer = tokens.create("load-viewer", Role.VIEWER, "bench").secret();

            System.out.printf(Locale.ROOT, "warming up: %d services past their baselines%n", SERVICES);
            ingest(SERVICES * 70, senders, false);
            double[] without = new double[rounds];
            double[] with = new double[rounds];
            long streamed = 0;
            for (int r = 0; r < rounds; r++) {
                without[r] = ingest(perRound, senders, true);
                List<Subscriber> subs = new ArrayList<>();
                for (int i = 0; i < subscribers; i++) {
                    subs.add(new Subscriber(http, URI.create(base + "/api/v1/events/stream"), viewer));
                }
                while (server.stream().subscribers() < subscribers) {
                    Thread.onSpinWait();
                }
                long auditBefore = store.audit().size();
                with[r] = ingest(perRound, senders, true);
                long published = store.audit().size() - auditBefore;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline && subs.stream().anyMatch(s -> s.events.get() < published)) {
                    Thread.sleep(10);
                }
                long received = subs.stream().mapToLong(s -> s.events.get()).sum();
                streamed += received;
                System.out.printf(
                        Locale.ROOT,
                        "round %d: without %,.0f events/s, with %d subscribers %,.0f events/s; %d audit events "
                                + "during the round, %,d stream events delivered (%s)%n",
                        r + 1,
                        without[r],
                        subscribers,
                        with[r],
                        published,
                        received,
                        received == published * subscribers
                                ? "every one to every subscriber"
                                : "NOT every one to every subscriber");
                subs.forEach(Subscriber::close);
                while (server.stream().subscribers() > 0) {
                    Thread.sleep(5);
                }
            }
            double a = median(without);
            double b = median(with);
            System.out.printf(
                    Locale.ROOT,
                    "median ingest: %,.0f events/s without subscribers, %,.0f with %d (%+.1f %%); %,d stream events "
                            + "delivered; dropped subscribers: %d%n",
                    a,
                    b,
                    subscribers,
                    (b - a) / a * 100,
                    streamed,
                    server.stream().dropped());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Sends {@code count} events, one a request, from {@code senders} threads; events per second. */
    private double ingest(int count, int senders, boolean anomalies) throws InterruptedException {
        String[] bodies = new String[count];
        for (int i = 0; i < count; i++) {
            int s = i % SERVICES;
            boolean bad = anomalies && random.nextInt(40) == 0;
            Instant at = t0.plusSeconds(15 * step[s]++);
            bodies[i] = String.format(
                    Locale.ROOT,
                    "{\"service\":\"svc-%03d\",\"timestamp\":\"%s\",\"latency_p99\":%.1f,\"error_rate\":%.4f,"
                            + "\"throughput\":900,\"cpu_util\":0.4,\"memory_util\":0.5}",
                    s,
                    at,
                    bad ? 2_400.0 : 120 + random.nextDouble() * 10,
                    bad ? 0.35 : 0.002);
        }
        AtomicLong next = new AtomicLong();
        CountDownLatch done = new CountDownLatch(senders);
        long start = System.nanoTime();
        for (int t = 0; t < senders; t++) {
            Thread.ofPlatform().start(() -> {
                try {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        // One service's events go in order: each sender takes whole steps of all services.
                        post(bodies[(int) i]);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private void post(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .header("Authorization", "Bearer " + operator)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("ingest answered " + r.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One SSE client counting the events it reads. */
    private static final class Subscriber {
        final AtomicLong events = new AtomicLong();
        private final HttpResponse<Stream<String>> response;

        Subscriber(HttpClient http, URI uri, String token) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token)
                    .build();
            try {
                response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                        .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Thread.ofVirtual().start(() -> {
                try (Stream<String> lines = response.body()) {
                    lines.forEach(line -> {
                        if (line.startsWith("id:")) {
                            events.incrementAndGet();
                        }
                    });
                } catch (RuntimeException e) {
                    // closed
                }
            });
        }

        void close() {
            response.body().close();
        }
    }
}
