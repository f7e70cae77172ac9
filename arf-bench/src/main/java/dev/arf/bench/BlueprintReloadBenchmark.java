package dev.arf.bench;

import dev.arf.config.BlueprintDirectory;
import dev.arf.config.BlueprintLoader;
import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.core.blueprint.InMemoryBlueprintHistory;
import dev.arf.core.blueprint.Tier;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.GateVerdict;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.KillSwitch;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.time.VirtualClock;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Issue 3's figure "blueprint file change → decisions under the new version ≤ 1 s" (seed 002: 5.8 s
 * average). A directory of service blueprints is watched by a {@link BlueprintDirectory}; a {@link
 * Guardian} reads its blueprints from it. Each edit moves {@code restart_pods} of one service between
 * allowed and forbidden and writes the file; the driver then polls {@code current()} every 0.1 ms
 * until the new blueprint is in force, and asks the Guardian for a restart, which must now be refused
 * with {@code ACTION_FORBIDDEN} (or allowed, after the edit back). Reported: the time from the start of
 * the write to the new catalog in force, and to the Guardian's verdict under it; p50, p99 and max over
 * the edits, after 5 warm-up edits. Before each edit the driver pauses a random time up to one poll
 * interval (seeded), so that edits do not arrive in step with the watcher's polling.
 *
 * <p>Usage: {@code BlueprintReloadBenchmark [edits=50] [services=20] [events|poll] [pollMillis=500]
 * [memory|embedded] [inplace|atomic]}. {@code events}: file system events plus the polling fallback;
 * {@code poll}: the polling fallback alone, as on a file system without events. {@code embedded}:
 * versions are recorded in an embedded store (committed before the new catalog is in force).
 * {@code inplace}: the file is rewritten where it is (truncate, write), as most editors do; {@code
 * atomic}: written aside and moved into place.
 */
public final class BlueprintReloadBenchmark {
    private static final int WARM_UP = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BlueprintReloadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int edits = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int services = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        boolean events = args.length <= 2 || !"poll".equals(args[2]);
        Duration poll = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 500);
        boolean embedded = args.length > 4 && "embedded".equals(args[4]);
        boolean atomic = args.length > 5 && "atomic".equals(args[5]);

        Path root = Files.createTempDirectory("arf-bp-bench-");
        Path dir = Files.createDirectories(root.resolve("blueprints"));
        JdbcReliabilityStore store = embedded ? Stores.embedded(root.resolve("data")) : null;
        BlueprintHistory history = store != null ? store.blueprints() : new InMemoryBlueprintHistory();
        boolean[] forbidden = new boolean[services];
        for (int s = 0; s < services; s++) {
            Files.writeString(dir.resolve(name(s) + ".yaml"), blueprint(name(s), false));
        }
        AtomicInteger rejected = new AtomicInteger();
        SplittableRandom random = new SplittableRandom(42);
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        long[] inForce = new long[edits];
        long[] decided = new long[edits];
        try (BlueprintDirectory directory =
                BlueprintDirectory.open(dir, new BlueprintLoader(), history, Clock.systemUTC())) {
            directory.watch(
                    new BlueprintDirectory.Listener() {
                        @Override
                        public void reloaded(BlueprintDirectory.Reloaded reload) {}

                        @Override
                        public void rejected(BlueprintDirectory.Rejected rejection) {
                            rejected.incrementAndGet(); // a half-written file seen mid-write
                        }
                    },
                    poll,
                    events);
            Guardian guardian = Guardian.builder(clock, directory)
                    .settings(GovernanceSettings.defaults())
                    .killSwitch(KillSwitch.NEVER)
                    .build();
            for (int i = -WARM_UP; i < edits; i++) {
                int s = Math.floorMod(i, services);
                String service = name(s);
                forbidden[s] = !forbidden[s];
                Tier expected = forbidden[s] ? Tier.FORBIDDEN : Tier.AUTONOMOUS;
                String text = blueprint(service, forbidden[s]);
                // edits come at random moments, not right after the watcher's last check
                Thread.sleep(random.nextLong(poll.toMillis() + 1));
                long start = System.nanoTime();
                write(dir.resolve(service + ".yaml"), text, atomic);
                long deadline = start + TIMEOUT.toNanos();
                while (directory
                                .current()
                                .blueprint(service)
                                .orElseThrow()
                                .governance()
                                .tierOf("restart_pods")
                        != expected) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "edit " + i + " of " + service + " not in force after " + TIMEOUT.toSeconds() + " s");
                    }
                    LockSupport.parkNanos(100_000);
                }
                long seen = System.nanoTime();
                GateVerdict verdict = guardian.check(restart(service, clock.instant(), i));
                long done = System.nanoTime();
                check(verdict, expected, service);
                if (verdict instanceof GateVerdict.Allow allow) {
                    guardian.completed(
                            allow.permit(),
                            new ActionOutcome(
                                    allow.permit().redeem(), ActionOutcome.Status.SUCCEEDED, "bench", clock.instant()),
                            false);
                }
                clock.advance(Duration.ofHours(2)); // past every cooldown and hourly budget
                if (i >= 0) {
                    inForce[i] = seen - start;
                    decided[i] = done - start;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "edits=%d (+%d warm-up) services=%d watch=%s poll=%d ms history=%s write=%s%n",
                    edits,
                    WARM_UP,
                    services,
                    events ? "events+poll" : "poll only",
                    poll.toMillis(),
                    embedded ? "embedded store" : "in memory",
                    atomic ? "atomic move" : "in place");
            System.out.println("file written -> new catalog in force:      " + summary(inForce));
            System.out.println("file written -> Guardian decided under it: " + summary(decided));
            System.out.println("half-written files seen and rejected (old catalog kept): " + rejected.get());
            int versions = history.versions(name(0)).size();
            System.out.println("versions recorded for " + name(0) + ": " + versions);
        } finally {
            if (store != null) {
                store.close();
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String name(int s) {
        return "svc-" + s;
    }

    private static void write(Path file, String text, boolean atomic) throws IOException {
        if (!atomic) {
            Files.writeString(file, text);
            return;
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Action restart(String service, Instant now, int i) {
        return new Action(
                "bench-" + i,
                HealingAction.RESTART_CONTAINER,
                service,
                Map.of(),
                "policy:bench",
                "bench",
                now,
                Action.CERTAIN);
    }

    private static void check(GateVerdict verdict, Tier expected, String service) {
        boolean ok = expected == Tier.FORBIDDEN
                ? verdict instanceof GateVerdict.Deny d && d.reasonCode().equals("ACTION_FORBIDDEN")
                : verdict instanceof GateVerdict.Allow;
        if (!ok) {
            throw new IllegalStateException(
                    "the Guardian did not decide under the new blueprint of " + service + ": " + verdict);
        }
    }

    /** p50, p99 and max by nearest rank, in milliseconds. */
    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "p50 %.1f ms, p99 %.1f ms, max %.1f ms, mean %.1f ms",
                rank(sorted, 0.50) / 1e6,
                rank(sorted, 0.99) / 1e6,
                sorted[sorted.length - 1] / 1e6,
                Arrays.stream(sorted).average().orElse(0) / 1e6);
    }

    private static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String blueprint(String name, boolean restartForbidden) {
        return """
                # %s: restart_pods %s
                metadata:
                  name: %s
                  version: 1.0.0
                  environment: dev
                spec:
                  scaling:
                    min_replicas: 2
                    max_replicas: 10
                    target_cpu_utilization: 70%%
                    scale_up_threshold: 80%%
                    scale_down_threshold: 40%%
                governance:
                  agent_authority:
                    allowed_operations: [%s]
                    forbidden_operations: [%s]
                """.formatted(
                        name,
                        restartForbidden ? "forbidden" : "allowed",
                        name,
                        restartForbidden ? "scale_within_limits" : "scale_within_limits, restart_pods",
                        restartForbidden ? "delete_deployment, restart_pods" : "delete_deployment");
    }
}
