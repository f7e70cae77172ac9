package dev.arf.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.approval.InMemoryApprovalStore;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.audit.InMemoryAuditLog;
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
import dev.arf.core.decide.ScalingDecision;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.Actuator;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.Permit;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seed 002's use cases 1, 2 and 5 through the agent loop, the Guardian and the engine. */
class ReliabilityAgentTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private final VirtualClock clock = new VirtualClock(T0);

    /** Deployments whose CPU and memory are their load spread over their replicas. */
    private final class Cluster implements Actuator {
        final Map<String, Integer> replicas = new HashMap<>();
        final Map<String, Double> load = new HashMap<>();

        @Override
        public boolean handles(Action action) {
            return replicas.containsKey(action.target());
        }

        @Override
        public ActionOutcome execute(Permit permit) {
            Action a = permit.redeem();
            int was = replicas.get(a.target());
            replicas.put(a.target(), Integer.parseInt(a.parameters().get("replicas")));
            return new ActionOutcome(
                    a,
                    ActionOutcome.Status.SUCCEEDED,
                    "scaled " + a.target() + " from " + was + " to " + replicas.get(a.target()),
                    clock.instant());
        }

        TelemetryEvent observe(String service) {
            return TelemetryEvent.builder(service, clock.instant())
                    .latencyP50(30)
                    .latencyP95(120)
                    .latencyP99(150)
                    .errorRate(0.001)
                    .throughput(500)
                    .cpuUtil(Math.min(1.0, load.get(service) / replicas.get(service)))
                    .memoryUtil(Math.min(1.0, load.get(service) / replicas.get(service)))
                    .build();
        }
    }

    private static final GovernanceRules RULES = new GovernanceRules(
            Set.of("scale_within_limits"),
            List.of(new ApprovalRule("scale_beyond_limits", "target_replicas > max_replicas", List.of("devops-team"))),
            Set.of("delete_deployment"));

    private static ServiceBlueprint blueprint(String name, int max) {
        return new ServiceBlueprint(
                new BlueprintMetadata(name, "1.0.0", Priority.HIGH, Criticality.STANDARD),
                Environment.STAGE,
                new Scaling(2, max, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                Resources.unspecified(),
                PerformanceTargets.none(),
                RULES,
                Verification.disabled());
    }

    private final Cluster cluster = new Cluster();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ApprovalBook approvals =
            new ApprovalBook(new InMemoryApprovalStore(), audit, clock, Duration.ofHours(1));

    private final List<String> amended = new java.util.ArrayList<>();

    private ReliabilityAgent agent(BlueprintCatalog catalog) {
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .policies(List.of())
                .actuator(cluster)
                .audit(audit)
                .approvals(approvals)
                .gate(Guardian.builder(clock, catalog).approvals(approvals).build())
                .build();
        ReliabilityAgent agent = ReliabilityAgent.builder(
                        engine,
                        catalog,
                        s -> cluster.replicas.containsKey(s)
                                ? OptionalInt.of(cluster.replicas.get(s))
                                : OptionalInt.empty())
                .agentId("agent-1")
                .audit(audit)
                .amendments((before, after, by, reason, at) -> amended.add(
                        after.metadata().name() + " " + after.metadata().version() + " max "
                                + after.scaling().maxReplicas() + " by " + by))
                .build();
        engineRef = engine;
        return agent;
    }

    private ReliabilityEngine engineRef;

    private void observeAll() {
        for (String s : cluster.replicas.keySet()) {
            engineRef.process(cluster.observe(s));
        }
    }

    @Test
    void busyFrontendScalesOnItsOwnWhileTheCalmBackendHolds() {
        cluster.replicas.put("frontend", 2);
        cluster.load.put("frontend", 1.7); // 85 % CPU at 2 replicas
        cluster.replicas.put("backend", 2);
        cluster.load.put("backend", 0.9); // 45 %
        ReliabilityAgent agent =
                agent(BlueprintCatalog.of(List.of(blueprint("frontend", 10), blueprint("backend", 10))));
        observeAll();

        List<AgentDecision> taken = agent.iterate();

        assertThat(cluster.replicas).containsEntry("frontend", 3).containsEntry("backend", 2);
        AgentDecision frontend = taken.stream()
                .filter(d -> d.decision().service().equals("frontend"))
                .findFirst()
                .orElseThrow();
        assertThat(frontend.decision().verdict()).isEqualTo(ScalingDecision.Verdict.SCALE_UP);
        assertThat(frontend.outcome()).startsWith("SUCCEEDED");
        assertThat(taken.stream()
                        .filter(d -> d.decision().service().equals("backend"))
                        .findFirst()
                        .orElseThrow()
                        .outcome())
                .isEqualTo("hold");
        assertThat(audit.read(1, (int) audit.size()).stream()
                        .map(AuditRecord::entry)
                        .map(e -> e.event()))
                .containsSubsequence("EXECUTION_GATE_PASSED", "ORCH_INTENT", "ORCH_EXEC", "AGENT_DECISION");
        AgentStatus status = agent.status();
        assertThat(status.agentId()).isEqualTo("agent-1");
        assertThat(status.state()).isEqualTo(AgentState.IDLE);
        assertThat(status.iterations()).isEqualTo(1);
        assertThat(status.lastHeartbeat()).contains(T0);
        assertThat(status.recentDecisions()).hasSize(2);
    }

    @Test
    void scalingPastTheMaximumWaitsForAnApproverThenRuns() {
        cluster.replicas.put("checkout", 5);
        cluster.load.put("checkout", 4.6); // 92 % at 5, max 5
        ReliabilityAgent agent = agent(BlueprintCatalog.of(List.of(blueprint("checkout", 5))));
        observeAll();

        AgentDecision asked = agent.iterate().get(0);
        assertThat(asked.outcome()).contains("APPROVAL_REQUIRED").contains("devops-team");
        assertThat(cluster.replicas.get("checkout")).isEqualTo(5);
        ApprovalRequest request = approvals.open().get(0);

        clock.advance(Duration.ofMinutes(10));
        approvals.approve(request.id(), "alice", "black friday");
        observeAll();
        AgentDecision ran = agent.iterate().get(0);

        assertThat(ran.outcome()).startsWith("SUCCEEDED");
        assertThat(cluster.replicas.get("checkout")).isEqualTo(7);
        assertThat(amended).containsExactly("checkout 1.0.1 max 7 by agent:agent-1");
        assertThat(audit.read(1, (int) audit.size()).stream()
                        .map(AuditRecord::entry)
                        .map(e -> e.event()))
                .contains("BLUEPRINT_AMENDED");
    }

    @Test
    void aFailingIterationBlocksTheAgentUntilAPersonResumesIt() {
        cluster.replicas.put("frontend", 2);
        cluster.load.put("frontend", 1.7);
        BlueprintCatalog catalog = BlueprintCatalog.of(List.of(blueprint("frontend", 10)));
        boolean[] broken = {true};
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .policies(List.of())
                .actuator(cluster)
                .gate(Guardian.builder(clock, catalog).build())
                .build();
        ReliabilityAgent agent = ReliabilityAgent.builder(engine, catalog, s -> {
                    if (broken[0]) {
                        throw new IllegalStateException("API server unreachable");
                    }
                    return OptionalInt.of(cluster.replicas.get(s));
                })
                .build();
        engine.process(cluster.observe("frontend"));

        assertThat(agent.iterate()).isEmpty();
        assertThat(agent.status().state()).isEqualTo(AgentState.BLOCKED);
        assertThat(agent.status().blockedReason().orElseThrow()).contains("API server unreachable");
        broken[0] = false;
        assertThat(agent.iterate()).as("blocked: does nothing").isEmpty();

        agent.resume();
        assertThat(agent.iterate()).hasSize(1);
        assertThat(cluster.replicas.get("frontend")).isEqualTo(3);
    }

    @Test
    void closingWaitsForTheIterationInProgressAndStopsTheSchedule() throws Exception {
        cluster.replicas.put("frontend", 2);
        cluster.load.put("frontend", 1.7);
        BlueprintCatalog catalog = BlueprintCatalog.of(List.of(blueprint("frontend", 10)));
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .policies(List.of())
                .actuator(cluster)
                .gate(Guardian.builder(clock, catalog).build())
                .build();
        ReliabilityAgent agent = ReliabilityAgent.builder(engine, catalog, s -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return OptionalInt.of(cluster.replicas.get(s));
                })
                .build();
        engine.process(cluster.observe("frontend"));
        java.util.concurrent.ScheduledExecutorService executor =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            agent.start(executor, Duration.ofMillis(10));
            assertThat(inside.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            java.util.concurrent.CompletableFuture<Void> closing =
                    java.util.concurrent.CompletableFuture.runAsync(agent::close);
            assertThat(closing).as("close waits for the iteration").isNotDone();
            release.countDown();
            closing.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(cluster.replicas.get("frontend"))
                    .as("the iteration finished its action")
                    .isEqualTo(3);
            long iterations = agent.status().iterations();
            executor.shutdown();
            assertThat(executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(agent.status().iterations()).isEqualTo(iterations);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void aServiceShortOfMemoryOnEveryReplicaGetsALargerRequestRatherThanMoreReplicas() {
        java.time.Instant start = clock.instant();
        dev.arf.core.sim.CapacityCluster memoryBound = new dev.arf.core.sim.CapacityCluster(
                clock,
                List.of(new dev.arf.core.sim.CapacityCluster.Deployment(
                        "reports", 3, at -> 1500.0, 0.0006, 60, Double.MAX_VALUE, 0)));
        long mi = 1024 * 1024;
        ServiceBlueprint b = blueprint("reports", 10);
        ServiceBlueprint bounded = new ServiceBlueprint(
                b.metadata(),
                Environment.DEV,
                b.scaling(),
                new dev.arf.core.blueprint.Resources(
                        dev.arf.core.blueprint.Bounds.none(),
                        new dev.arf.core.blueprint.Bounds<>(
                                java.util.Optional.of(256 * mi),
                                java.util.Optional.empty(),
                                java.util.Optional.of(2048 * mi),
                                java.util.Optional.empty(),
                                java.util.Optional.empty())),
                b.performance(),
                new GovernanceRules(
                        Set.of("scale_within_limits", "adjust_resources_within_bounds"), List.of(), Set.of()),
                b.verification());
        BlueprintCatalog catalog = BlueprintCatalog.of(List.of(bounded));
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .policies(List.of())
                .actuator(memoryBound)
                .gate(Guardian.builder(clock, catalog).build())
                .build();
        ReliabilityAgent agent = ReliabilityAgent.builder(
                        engine, catalog, s -> OptionalInt.of(memoryBound.desiredReplicas(s)))
                .memoryRequests(s -> java.util.OptionalLong.of(memoryBound.memoryRequest(s)))
                .build();
        // 500 req/s per replica at 0.06 % CPU each: CPU 30 %, and memory sized for 512Mi squeezed into
        // 200Mi: 95 % of the request on every replica, while the weighted utilisation (0.54) holds replicas.
        dev.arf.core.execute.GateVerdict.Allow squeeze = (dev.arf.core.execute.GateVerdict.Allow)
                dev.arf.core.governance.Guardian.ungoverned(clock, dev.arf.core.governance.KillSwitch.NEVER)
                        .check(new Action(
                                "setup",
                                HealingAction.ADJUST_RESOURCES,
                                "reports",
                                java.util.Map.of("memory", "200Mi"),
                                "test",
                                "setup",
                                start,
                                Action.CERTAIN));
        memoryBound.execute(squeeze.permit());
        engine.process(memoryBound.observe("reports"));

        AgentDecision d = agent.iterate().get(0);

        assertThat(d.decision().verdict()).isEqualTo(ScalingDecision.Verdict.HOLD);
        assertThat(d.resources()).isPresent();
        assertThat(d.resourceOutcome()).startsWith("SUCCEEDED");
        assertThat(memoryBound.memoryRequest("reports")).isEqualTo(271 * mi);
        assertThat(memoryBound.desiredReplicas("reports")).isEqualTo(3);
    }

    @Test
    void theAgentObservesWhichOfItsActionsAwaitVerification() {
        cluster.replicas.put("frontend", 2);
        cluster.load.put("frontend", 1.7);
        ServiceBlueprint b = blueprint("frontend", 10);
        ServiceBlueprint verified = new ServiceBlueprint(
                b.metadata(),
                b.environment(),
                b.scaling(),
                b.resources(),
                b.performance(),
                b.governance(),
                new Verification(
                        true,
                        Duration.ofSeconds(60),
                        List.of(new dev.arf.core.blueprint.VerificationCheck(
                                "latency_p95",
                                dev.arf.core.blueprint.Comparison.LT,
                                new dev.arf.core.blueprint.Quantity.Time(Duration.ofMillis(200)),
                                true,
                                false)),
                        dev.arf.core.blueprint.Rollback.disabled()));
        BlueprintCatalog catalog = BlueprintCatalog.of(List.of(verified));
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .policies(List.of())
                .actuator(cluster)
                .blueprints(catalog)
                .gate(Guardian.builder(clock, catalog).build())
                .build();
        ReliabilityAgent agent = ReliabilityAgent.builder(engine, catalog, s -> OptionalInt.of(cluster.replicas.get(s)))
                .build();
        engine.process(cluster.observe("frontend"));

        agent.iterate();
        assertThat(agent.status().awaitingVerification()).containsExactly("frontend");

        clock.advance(Duration.ofSeconds(60));
        engine.process(cluster.observe("frontend"));
        agent.iterate();
        assertThat(agent.status().awaitingVerification()).isEmpty();
    }

    @Test
    void staleTelemetryIsNotDecidedOn() {
        cluster.replicas.put("frontend", 2);
        cluster.load.put("frontend", 1.7);
        ReliabilityAgent agent = agent(BlueprintCatalog.of(List.of(blueprint("frontend", 10))));
        observeAll();
        clock.advance(Duration.ofMinutes(3));
        assertThat(agent.iterate()).isEmpty();
        assertThat(cluster.replicas.get("frontend")).isEqualTo(2);
    }
}
