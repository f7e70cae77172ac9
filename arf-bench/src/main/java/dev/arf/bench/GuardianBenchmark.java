package dev.arf.bench;

import dev.arf.core.blueprint.ApprovalRule;
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
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.GateVerdict;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.KillSwitch;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One governance verdict in-process: the Guardian over 1,000 services' blueprints, with a seeded mix
 * of allowed, forbidden, approval-bound, cooling-down and rate-limited actions; the clock moves 5 s
 * per verdict so windows keep sliding. Sample mode gives the percentiles (target p99 ≤ 50 µs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GuardianBenchmark {
    private static final int SERVICES = 1_000;
    private static final int ACTIONS = 1 << 14;

    /** Where the Guardian remembers what it allowed: nowhere, or the embedded store (durable). */
    @Param({"memory", "embedded"})
    public String state;

    private VirtualClock clock;
    private Guardian guardian;
    private java.nio.file.Path dataDir;
    private dev.arf.store.JdbcReliabilityStore store;
    private Action[] actions;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws java.io.IOException {
        clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        GovernanceRules rules = new GovernanceRules(
                Set.of("restart_pods", "scale_within_limits", "shift_traffic", "open_circuit_breaker"),
                List.of(new ApprovalRule("scale_beyond_limits", "target_replicas > max_replicas", List.of("sre"))),
                Set.of("rollback_deployment", "delete_deployment"));
        Map<String, ServiceBlueprint> blueprints = new HashMap<>();
        for (int i = 0; i < SERVICES; i++) {
            String name = "svc-" + i;
            blueprints.put(
                    name,
                    new ServiceBlueprint(
                            new BlueprintMetadata(name, "1", Priority.HIGH, Criticality.STANDARD),
                            Environment.DEV,
                            new Scaling(2, 10, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                            Resources.unspecified(),
                            PerformanceTargets.none(),
                            rules,
                            Verification.disabled()));
        }
        guardian = Guardian.builder(clock, new BlueprintCatalog(blueprints, Optional.empty()))
                .settings(GovernanceSettings.defaults())
                .killSwitch(KillSwitch.NEVER)
                .memory(memory())
                .build();
        SplittableRandom random = new SplittableRandom(7);
        HealingAction[] kinds = HealingAction.values();
        actions = new Action[ACTIONS];
        for (int i = 0; i < ACTIONS; i++) {
            HealingAction kind = kinds[random.nextInt(kinds.length)];
            actions[i] = new Action(
                    "k" + i,
                    kind,
                    "svc-" + random.nextInt(SERVICES),
                    Map.of("replicas", Integer.toString(random.nextInt(14))),
                    "policy:bench",
                    "bench",
                    clock.instant(),
                    Action.CERTAIN);
        }
    }

    private dev.arf.core.governance.GuardianMemory memory() throws java.io.IOException {
        if (state.equals("memory")) {
            return dev.arf.core.governance.GuardianMemory.NONE;
        }
        dataDir = java.nio.file.Files.createTempDirectory("arf-bench-guardian");
        store = dev.arf.store.Stores.embedded(dataDir);
        return new dev.arf.core.governance.StoredGuardianMemory(store);
    }

    @org.openjdk.jmh.annotations.TearDown(Level.Trial)
    public void tearDown() throws java.io.IOException {
        if (store != null) {
            store.close();
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    public GateVerdict verdict() {
        clock.advance(Duration.ofSeconds(5));
        Action planned = actions[next++ & (ACTIONS - 1)];
        // Planned now, as the engine does: an action planned before the newest decision would be stale.
        GateVerdict verdict = guardian.check(new Action(
                planned.idempotencyKey(),
                planned.type(),
                planned.target(),
                planned.parameters(),
                planned.source(),
                planned.reason(),
                clock.instant(),
                Action.CERTAIN));
        if (verdict instanceof GateVerdict.Allow allow) {
            // As the engine does after acting: releases the target's lock and feeds its breaker.
            guardian.completed(
                    allow.permit(),
                    new ActionOutcome(
                            allow.permit().redeem(), ActionOutcome.Status.SUCCEEDED, "bench", clock.instant()),
                    false);
        }
        return verdict;
    }
}
