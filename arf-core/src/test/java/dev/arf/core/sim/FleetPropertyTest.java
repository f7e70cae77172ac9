package dev.arf.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded property checks: whatever faults and actions arrive, in any order, the fleet emits valid telemetry. */
class FleetPropertyTest {
    private static final int RUNS = 60;
    private static final int TICKS = 300;

    @Test
    void everyEventIsValidUnderRandomFaultsAndActions() {
        SplittableRandom random = new SplittableRandom(20250115);
        for (int run = 0; run < RUNS; run++) {
            long seed = random.nextLong();
            List<ServiceSpec> specs = run % 2 == 0 ? FleetCatalog.standard() : randomFleet(new SplittableRandom(seed));
            Fleet fleet =
                    new Fleet(specs, Instant.parse("2025-03-01T00:00:00Z").plusSeconds(random.nextInt(86_400)), seed);
            for (int tick = 0; tick < TICKS; tick++) {
                String target = specs.get(random.nextInt(specs.size())).name();
                double dice = random.nextDouble();
                if (dice < 0.03) {
                    fleet.inject(randomFault(random, target));
                } else if (dice < 0.04 && !fleet.activeFaults().isEmpty()) {
                    fleet.clear(fleet.activeFaults()
                            .get(random.nextInt(fleet.activeFaults().size())));
                } else if (dice < 0.10) {
                    Action action = randomAction(random, random.nextInt(20) == 0 ? "nowhere" : target, run, tick);
                    ActionOutcome outcome = fleet.apply(action);
                    assertThat(outcome.action()).isEqualTo(action);
                    assertThat(outcome.detail()).isNotBlank();
                }
                Duration step = Duration.ofSeconds(1 + random.nextInt(300));
                List<TelemetryEvent> events = fleet.tick(step);
                assertThat(events).hasSize(specs.size());
                for (TelemetryEvent e : events) {
                    assertThat(e.problems())
                            .as("run %d tick %d: %s", run, tick, e)
                            .isEmpty();
                    assertThat(e.latencyP50()).isLessThanOrEqualTo(e.latencyP95());
                    assertThat(e.latencyP95()).isLessThanOrEqualTo(e.latencyP99());
                }
                for (ServiceSpec spec : specs) {
                    int ready = fleet.readyReplicas(spec.name());
                    assertThat(ready).isBetween(spec.minReplicas(), spec.maxReplicas());
                    assertThat(ready).isLessThanOrEqualTo(fleet.desiredReplicas(spec.name()));
                }
            }
        }
    }

    /** A random acyclic fleet: each service may call only services defined after it. */
    private static List<ServiceSpec> randomFleet(SplittableRandom random) {
        int size = 1 + random.nextInt(8);
        List<ServiceSpec> specs = new ArrayList<>();
        for (int i = size - 1; i >= 0; i--) {
            List<String> deps = new ArrayList<>();
            for (int j = i + 1; j < size; j++) {
                if (random.nextInt(3) == 0) {
                    deps.add("svc-" + j);
                }
            }
            int min = 1 + random.nextInt(3);
            int replicas = min + random.nextInt(5);
            specs.add(
                    0,
                    ServiceSpec.builder("svc-" + i)
                            .dependsOn(deps.toArray(String[]::new))
                            .baselineLoad(1 + random.nextDouble() * 5000)
                            .capacityPerReplica(1 + random.nextDouble() * 2000)
                            .replicas(min, replicas, replicas + random.nextInt(10))
                            .baseLatencyMs(0.1 + random.nextDouble() * 200)
                            .baseErrorRate(random.nextDouble() * 0.5)
                            .baseCpu(random.nextDouble() * 0.9)
                            .baseMemory(random.nextDouble() * 0.9)
                            .build());
        }
        return specs;
    }

    private static Fault randomFault(SplittableRandom random, String service) {
        return switch (random.nextInt(6)) {
            case 0 -> new Fault.DependencyFailure(service);
            case 1 -> new Fault.MemoryLeak(service, 0.001 + random.nextDouble() * 0.999);
            case 2 -> new Fault.TrafficSurge(service, 1 + random.nextDouble() * 99);
            case 3 -> new Fault.CpuSaturation(service, 0.01 + random.nextDouble() * 0.94);
            case 4 ->
                new Fault.BadDeploy(
                        service, "v" + random.nextInt(100), random.nextDouble(), 1 + random.nextDouble() * 99);
            default -> new Fault.NetworkPartition(service);
        };
    }

    private static Action randomAction(SplittableRandom random, String target, int run, int tick) {
        HealingAction type = HealingAction.values()[random.nextInt(HealingAction.values().length)];
        Map<String, String> parameters = switch (random.nextInt(4)) {
            case 0 -> Map.of("replicas", Integer.toString(random.nextInt(40) - 5));
            case 1 -> Map.of("share", Double.toString(random.nextDouble() * 1.2));
            case 2 -> Map.of("replicas", "many", "share", "half");
            default -> Map.of();
        };
        return new Action(
                "prop-" + run + "-" + tick,
                type,
                target,
                parameters,
                "property",
                "random",
                Instant.EPOCH,
                Action.CERTAIN);
    }
}
