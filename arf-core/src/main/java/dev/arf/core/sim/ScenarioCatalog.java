package dev.arf.core.sim;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The built-in incidents, all on {@link FleetCatalog#standard()}: ten healthy minutes of warm-up
 * (enough for baselines to settle), then the fault, then time for detection, healing and recovery.
 */
public final class ScenarioCatalog {
    private static final Duration WARM_UP = Duration.ofMinutes(10);

    private static final List<Scenario> ALL = List.of(
            scenario(
                    "database-meltdown",
                    "Database meltdown",
                    "The database starts failing: about 35% errors, p99 near 850 ms, memory pressed to 98%."
                            + " Payments, checkout and the gateway inherit the latency and the errors.",
                    60,
                    new Fault.DependencyFailure("database"),
                    "database_failure"),
            scenario(
                    "black-friday-crisis",
                    "Black Friday crisis",
                    "Traffic at the api-gateway rises 4.5x within two minutes; the gateway saturates and sheds"
                            + " requests, and the extra load flows down to checkout, payments and the database."
                            + " The peak passes after 45 minutes.",
                    90,
                    new Fault.TrafficSurge("api-gateway", 4.5),
                    Duration.ofMinutes(45),
                    "traffic_surge"),
            scenario(
                    "memory-leak-discovery",
                    "Memory leak discovery",
                    "Checkout leaks about 1.2% of its memory limit a minute; GC slows it down, then it is"
                            + " OOM-killed and fails requests while it restarts, and the leak starts over.",
                    90,
                    new Fault.MemoryLeak("checkout", 0.012),
                    "memory_leak"),
            scenario(
                    "bad-deploy",
                    "Bad deploy",
                    "Payments v13 goes out with a bug: 25% of payments fail and it is 60% slower. Checkout"
                            + " and the gateway see the errors.",
                    60,
                    new Fault.BadDeploy("payments", "v13", 0.25, 1.6),
                    "bad_deploy"),
            scenario(
                    "network-partition",
                    "Network partition",
                    "Checkout can no longer reach the cache: every cache call times out after 1 s, so"
                            + " checkout and the gateway fail and slow down while the cache itself sits idle. The"
                            + " network team repairs the link after 30 minutes.",
                    60,
                    new Fault.NetworkPartition("cache"),
                    Duration.ofMinutes(30),
                    "network_partition"),
            scenario(
                    "cpu-saturation",
                    "CPU saturation",
                    "A runaway loop in the api-gateway takes half of every replica's CPU; what is left barely"
                            + " keeps up, so gateway latency climbs and some requests fail.",
                    60,
                    new Fault.CpuSaturation("api-gateway", 0.5),
                    "resource_exhaustion"));

    private ScenarioCatalog() {}

    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static Scenario scenario(
            String name, String title, String description, int minutes, Fault fault, String cause) {
        return scenario(name, title, description, minutes, new ScheduledFault(WARM_UP, fault), cause);
    }

    private static Scenario scenario(
            String name, String title, String description, int minutes, Fault fault, Duration lasting, String cause) {
        return scenario(
                name, title, description, minutes, new ScheduledFault(WARM_UP, fault, Optional.of(lasting)), cause);
    }

    private static Scenario scenario(
            String name, String title, String description, int minutes, ScheduledFault fault, String cause) {
        return new Scenario(
                name, title, description, FleetCatalog.standard(), Duration.ofMinutes(minutes), List.of(fault), cause);
    }
}
