package dev.arf.bench;

import dev.arf.core.blueprint.BlueprintMetadata;
import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.PerformanceTargets;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.Resources;
import dev.arf.core.blueprint.Scaling;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Verification;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.StoredGuardianMemory;
import dev.arf.core.governance.StoredKillSwitch;
import dev.arf.core.governance.StoredMaintenanceCalendar;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.sim.Fleet;
import dev.arf.core.sim.FleetCatalog;
import dev.arf.core.sim.SimulatorActuator;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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

/**
 * A forbidden action refused end to end (seed 002 use case 3: "blocked immediately, under 1 second";
 * issue target 1 ms): {@link ReliabilityEngine#propose} through the Guardian as {@code arf demo
 * --blueprints} wires it — kill switch, maintenance windows and memory read from the embedded store —
 * to the refusal's durable audit record and its decision row. Sample time, so the percentiles are the
 * figure.
 *
 * <p>Run: {@code java -jar arf-bench/target/arf-bench.jar RefusalBenchmark}.
 */
@State(Scope.Benchmark)
public class RefusalBenchmark {
    private Path dataDir;
    private JdbcReliabilityStore store;
    private ReliabilityEngine engine;
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("arf-bench-refusal");
        store = Stores.embedded(dataDir);
        Clock clock = Clock.systemUTC();
        ServiceBlueprint database = new ServiceBlueprint(
                new BlueprintMetadata("database", "1.0.0", Priority.HIGH, Criticality.CRITICAL),
                Environment.PROD,
                new Scaling(2, 10, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                Resources.unspecified(),
                PerformanceTargets.none(),
                new GovernanceRules(Set.of("restart_pods"), List.of(), Set.of("rollback_deployment")),
                Verification.disabled());
        BlueprintCatalog catalog = BlueprintCatalog.of(List.of(database));
        Fleet fleet = new Fleet(FleetCatalog.standard(), clock.instant(), 7);
        engine = ReliabilityEngine.builder()
                .clock(clock)
                .store(store)
                .audit(store.audit())
                .actuator(new SimulatorActuator(fleet))
                .gate(Guardian.builder(clock, catalog)
                        .killSwitch(new StoredKillSwitch(store))
                        .memory(new StoredGuardianMemory(store))
                        .maintenance(new StoredMaintenanceCalendar(store))
                        .build())
                .build();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ActionOutcome refuseForbidden() {
        ActionOutcome outcome = engine.propose(new Action(
                "bench|" + next++,
                HealingAction.ROLLBACK,
                "database",
                Map.of(),
                "bench",
                "a forbidden rollback",
                Clock.systemUTC().instant(),
                0.95));
        if (outcome.status() != ActionOutcome.Status.REFUSED
                || !outcome.detail().startsWith("ACTION_FORBIDDEN")) {
            throw new IllegalStateException("expected a forbidden refusal, got " + outcome);
        }
        return outcome;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
