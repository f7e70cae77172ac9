package dev.arf.core.sim;

import java.util.List;

/** Ready-made fleets. */
public final class FleetCatalog {
    private FleetCatalog() {}

    /**
     * A small e-commerce stack: api-gateway → checkout → payments → database, and checkout → cache.
     * At the daily average every tier runs at 15–40% utilisation, so it stays healthy through the
     * daily peak (+25%) while a 4× surge overloads the gateway first.
     */
    public static List<ServiceSpec> standard() {
        return List.of(
                ServiceSpec.builder("api-gateway")
                        .dependsOn("checkout")
                        .baselineLoad(1200)
                        .capacityPerReplica(500)
                        .replicas(3, 6, 24)
                        .baseLatencyMs(4)
                        .baseErrorRate(0.001)
                        .baseCpu(0.08)
                        .baseMemory(0.35)
                        .version("v41")
                        .build(),
                ServiceSpec.builder("checkout")
                        .dependsOn("payments", "cache")
                        .baselineLoad(240)
                        .capacityPerReplica(150)
                        .replicas(3, 10, 30)
                        .baseLatencyMs(20)
                        .baseErrorRate(0.002)
                        .baseCpu(0.10)
                        .baseMemory(0.45)
                        .version("v27")
                        .build(),
                ServiceSpec.builder("payments")
                        .dependsOn("database")
                        .baselineLoad(120)
                        .capacityPerReplica(100)
                        .replicas(3, 8, 24)
                        .baseLatencyMs(25)
                        .baseErrorRate(0.002)
                        .baseCpu(0.10)
                        .baseMemory(0.40)
                        .version("v12")
                        .build(),
                ServiceSpec.builder("database")
                        .baselineLoad(600)
                        .capacityPerReplica(1000)
                        .replicas(2, 4, 8)
                        .baseLatencyMs(5)
                        .baseErrorRate(0.0005)
                        .baseCpu(0.15)
                        .baseMemory(0.50)
                        .version("v15")
                        .build(),
                ServiceSpec.builder("cache")
                        .baselineLoad(2000)
                        .capacityPerReplica(5000)
                        .replicas(2, 3, 9)
                        .baseLatencyMs(1)
                        .baseErrorRate(0.0005)
                        .baseCpu(0.05)
                        .baseMemory(0.45)
                        .version("v7")
                        .build());
    }
}
