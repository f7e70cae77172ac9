package dev.arf.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionGate;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.Actuator;
import dev.arf.core.execute.GateVerdict;
import dev.arf.core.policy.DefaultPolicies;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReliabilityEngineTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    private final VirtualClock clock = new VirtualClock(T0);
    private final List<Action> executed = new ArrayList<>();
    private final Actuator recorder = new Actuator() {
        @Override
        public boolean handles(Action action) {
            return true;
        }

        @Override
        public ActionOutcome execute(dev.arf.core.governance.Permit permit) {
            Action action = permit.redeem();
            executed.add(action);
            return new ActionOutcome(action, ActionOutcome.Status.SUCCEEDED, "done", clock.instant());
        }
    };

    private TelemetryEvent event(String service, double p99, double errors, double cpu, double memory) {
        return TelemetryEvent.builder(service, clock.instant())
                .latencyP50(p99 / 3)
                .latencyP95(p99 / 1.5)
                .latencyP99(p99)
                .errorRate(errors)
                .throughput(1000)
                .cpuUtil(cpu)
                .memoryUtil(memory)
                .build();
    }

    @Test
    void whenTwoSourcesContradictEachOtherThePoliciesObserveInsteadOfActing() {
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .policies(DefaultPolicies.all())
                .actuator(recorder)
                .build();
        warmUp(engine, "database", 30);
        List<HealingStep> steps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TelemetryEvent bad = event("database", 850, 0.35, 0.78, 0.98);
            steps.addAll(engine.process(TelemetryEvent.builder("database", clock.instant())
                            .latencyP50(bad.latencyP50())
                            .latencyP95(bad.latencyP95())
                            .latencyP99(bad.latencyP99())
                            .errorRate(bad.errorRate())
                            .throughput(1000)
                            .cpuUtil(0.78)
                            .memoryUtil(0.98)
                            .label("source", "prometheus")
                            .build())
                    .healingActions());
            clock.advance(Duration.ofSeconds(5));
            steps.addAll(engine.process(TelemetryEvent.builder("database", clock.instant())
                            .latencyP50(280)
                            .latencyP95(560)
                            .latencyP99(850)
                            .errorRate(0.0)
                            .throughput(1000)
                            .cpuUtil(0.4)
                            .memoryUtil(0.05)
                            .label("source", "sidecar")
                            .build())
                    .healingActions());
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(executed).isEmpty();
        assertThat(steps)
                .isNotEmpty()
                .allSatisfy(
                        step -> assertThat(step.reasonCode()).isIn("SIGNAL_CONFLICT_OBSERVE", "COOLDOWN", "NOT_OPEN"));
        assertThat(steps)
                .anySatisfy(step -> assertThat(step.detail())
                        .contains("error_rate: both high and low")
                        .contains("prometheus")
                        .contains("sidecar"));
    }

    /** Warms a database up, melts it down for {@code samples} samples; returns every healing step proposed. */
    private List<HealingStep> meltDatabase(ReliabilityEngine engine, int samples) {
        warmUp(engine, "database", 30);
        List<HealingStep> steps = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            steps.addAll(
                    engine.process(event("database", 850, 0.35, 0.78, 0.98)).healingActions());
            clock.advance(Duration.ofSeconds(15));
        }
        return steps;
    }

    /** Feeds a healthy stream (with small seeded noise) so baselines are warm. */
    private void warmUp(ReliabilityEngine engine, String service, int minutes) {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < minutes * 4; i++) {
            AnalysisResult r = engine.process(event(
                    service,
                    120 + random.nextDouble(10),
                    0.002 + random.nextDouble(0.001),
                    0.4 + random.nextDouble(0.02),
                    0.5 + random.nextDouble(0.01)));
            assertThat(r.status()).isEqualTo(AnalysisResult.Status.NORMAL);
            clock.advance(Duration.ofSeconds(15));
        }
    }

    @Test
    void explainsAMeltdownWithEveryAgentAndHealsIt() {
        ReliabilityEngine engine =
                ReliabilityEngine.builder().clock(clock).actuator(recorder).build();
        warmUp(engine, "database", 30);
        AnalysisResult result = null;
        for (int i = 0; i < 8 && (result == null || !result.isAnomaly()); i++) {
            result = engine.process(event("database", 850, 0.35, 0.78, 0.98));
            clock.advance(Duration.ofSeconds(15));
        }
        assertThat(result.status()).isEqualTo(AnalysisResult.Status.ANOMALY);
        assertThat(result.confidence()).isBetween(0.5, 1.0);
        assertThat(result.incidentId()).isNotNull();
        MultiAgentAnalysis analysis = result.multiAgentAnalysis();
        assertThat(analysis.detective().anomalous()).isTrue();
        assertThat(analysis.detective().evidence()).isNotEmpty();
        assertThat(analysis.diagnostician()).isNotNull();
        assertThat(analysis.predictive()).isNotNull();
        assertThat(analysis.recommendedActions()).isNotEmpty();
        assertThat(result.businessImpact().revenueLossPerMinute()).isPositive();
        assertThat(result.businessImpact().affectedUsersEstimate()).isPositive();
        assertThat(result.healingActions()).anyMatch(s -> s.status() == HealingStep.Status.EXECUTED);
        assertThat(executed).isNotEmpty();
        assertThat(engine.openIncidents()).hasSize(1);
    }

    @Test
    void aSingleSpikeIsNotAnIncident() {
        ReliabilityEngine engine =
                ReliabilityEngine.builder().clock(clock).actuator(recorder).build();
        warmUp(engine, "api", 30);
        engine.process(event("api", 900, 0.2, 0.5, 0.5));
        clock.advance(Duration.ofSeconds(15));
        warmUp(engine, "api", 5);
        assertThat(engine.openIncidents()).isEmpty();
        assertThat(executed).isEmpty();
    }

    @Test
    void nothingReachesAnActuatorThatTheGateRefuses() {
        ActionGate refuseAll = action -> new GateVerdict.Deny("TEST_REFUSAL", "refused in test");
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .actuator(recorder)
                .gate(refuseAll)
                .build();
        List<HealingStep> steps = meltDatabase(engine, 20);
        assertThat(executed).isEmpty();
        assertThat(steps)
                .isNotEmpty()
                .allMatch(s -> s.status() == HealingStep.Status.REFUSED || s.status() == HealingStep.Status.SUPPRESSED);
        assertThat(steps)
                .filteredOn(s -> s.status() == HealingStep.Status.REFUSED)
                .allMatch(s -> s.reasonCode().equals("TEST_REFUSAL"));
    }

    private TelemetryEvent traffic(String service, double throughput) {
        return TelemetryEvent.builder(service, clock.instant())
                .latencyP50(40)
                .latencyP95(80)
                .latencyP99(120)
                .errorRate(0.002)
                .throughput(throughput)
                .cpuUtil(0.4)
                .memoryUtil(0.5)
                .build();
    }

    /** gateway → checkout → payments; payments alone has no caller in trouble in the last phase. */
    private ReliabilityEngine chain(dev.arf.core.audit.InMemoryAuditLog audit) {
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .audit(audit)
                .dependencies(Map.of("gateway", List.of("checkout"), "checkout", List.of("payments")))
                .build();
        for (int i = 0; i < 30 * 4; i++) {
            engine.process(event("gateway", 120 + (i % 5), 0.002, 0.4, 0.5));
            engine.process(traffic("checkout", 1000 + (i % 7) * 5));
            engine.process(traffic("payments", 500 + (i % 7) * 3));
            clock.advance(Duration.ofSeconds(15));
        }
        return engine;
    }

    @Test
    void servicesThatOnlyLoseTrafficBehindAFailingCallerJoinItsIncidentInsteadOfOpeningTheirOwn() {
        dev.arf.core.audit.InMemoryAuditLog audit = new dev.arf.core.audit.InMemoryAuditLog();
        ReliabilityEngine engine = chain(audit);
        for (int i = 0; i < 12; i++) {
            engine.process(event("gateway", 900, 0.3, 0.4, 0.5));
            engine.process(traffic("checkout", 300));
            engine.process(traffic("payments", 150));
            clock.advance(Duration.ofSeconds(15));
        }

        assertThat(engine.openIncidents())
                .extracting(dev.arf.core.incident.Incident::service)
                .containsExactly("gateway");
        String gatewayIncident = engine.openIncidents().get(0).id();
        assertThat(engine.incident(gatewayIncident).orElseThrow().timeline())
                .anyMatch(e -> e.message().startsWith("downstream: checkout receives less traffic"))
                .anyMatch(e -> e.message().startsWith("downstream: payments receives less traffic"));
        assertThat(audit.read(1, Integer.MAX_VALUE))
                .filteredOn(r -> r.entry().event().equals("INCIDENT_INHIBITED"))
                .extracting(r -> r.entry().subject())
                .containsExactlyInAnyOrder("checkout", "payments");
    }

    @Test
    void lostTrafficWithNoCallerInTroubleOrWithErrorsOfItsOwnStillOpensAnIncident() {
        dev.arf.core.audit.InMemoryAuditLog audit = new dev.arf.core.audit.InMemoryAuditLog();
        ReliabilityEngine engine = chain(audit);
        for (int i = 0; i < 12; i++) {
            engine.process(event("gateway", 120 + (i % 5), 0.002, 0.4, 0.5));
            engine.process(traffic("checkout", 300));
            engine.process(event("payments", 900, 0.3, 0.4, 0.5));
            clock.advance(Duration.ofSeconds(15));
        }

        assertThat(engine.openIncidents())
                .extracting(dev.arf.core.incident.Incident::service)
                .containsExactlyInAnyOrder("checkout", "payments");
        assertThat(audit.read(1, Integer.MAX_VALUE))
                .noneMatch(r -> r.entry().event().equals("INCIDENT_INHIBITED"));
    }

    @Test
    void aCascadeLinksEachCallersIncidentToItsDependencysIncident() {
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .dependencies(Map.of("api", List.of("db")))
                .build();
        for (int i = 0; i < 30 * 4; i++) {
            for (String service : List.of("api", "db")) {
                engine.process(event(service, 120 + (i % 5), 0.002, 0.4, 0.5));
            }
            clock.advance(Duration.ofSeconds(15));
        }
        for (int i = 0; i < 4; i++) {
            engine.process(event("api", 900, 0.3, 0.4, 0.5));
            engine.process(event("db", 850, 0.35, 0.78, 0.98));
            clock.advance(Duration.ofSeconds(15));
        }
        var byService = engine.openIncidents().stream()
                .collect(java.util.stream.Collectors.toMap(
                        dev.arf.core.incident.Incident::service, java.util.function.Function.identity()));
        assertThat(byService).containsKeys("api", "db");
        String dbIncident = byService.get("db").id();
        String apiIncident = byService.get("api").id();
        assertThat(engine.incident(apiIncident).orElseThrow().timeline())
                .anyMatch(e -> e.message().contains("dependency db has incident " + dbIncident));
        assertThat(engine.incident(dbIncident).orElseThrow().timeline())
                .anyMatch(e -> e.message().contains("api, which depends on it, has incident " + apiIncident));
    }

    @Test
    void everyDecisionAndActionIsOnTheAuditChainWithTheIntentBeforeTheAct() {
        dev.arf.core.audit.InMemoryAuditLog audit = new dev.arf.core.audit.InMemoryAuditLog();
        List<Long> chainLengthWhenActing = new ArrayList<>();
        Actuator watching = new Actuator() {
            @Override
            public boolean handles(Action action) {
                return true;
            }

            @Override
            public ActionOutcome execute(dev.arf.core.governance.Permit permit) {
                Action action = permit.redeem();
                chainLengthWhenActing.add(audit.size());
                List<dev.arf.core.audit.AuditRecord> last = audit.read(audit.size(), 1);
                assertThat(last.get(0).entry().event()).isEqualTo("ORCH_INTENT");
                assertThat(last.get(0).entry().details()).containsEntry("idempotency_key", action.idempotencyKey());
                return new ActionOutcome(action, ActionOutcome.Status.SUCCEEDED, "done", clock.instant());
            }
        };
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .actuator(watching)
                .audit(audit)
                .build();
        warmUp(engine, "database", 30);
        for (int i = 0; i < 6; i++) {
            engine.process(event("database", 850, 0.35, 0.78, 0.98));
            clock.advance(Duration.ofSeconds(15));
        }
        assertThat(chainLengthWhenActing).isNotEmpty();
        List<dev.arf.core.audit.AuditRecord> records = audit.read(1, Integer.MAX_VALUE);
        assertThat(dev.arf.core.audit.AuditChain.verify(records).intact()).isTrue();
        assertThat(records)
                .extracting(r -> r.entry().event())
                .containsSubsequence(
                        "RUNTIME_EMIT",
                        "INCIDENT_OPENED",
                        "POLICY_DECISION",
                        "EXECUTION_GATE_PASSED",
                        "ORCH_INTENT",
                        "ORCH_EXEC");
    }

    @Test
    void anActionWhoseIntentCannotBeAuditedIsNotCarriedOut() {
        dev.arf.core.audit.AuditLog broken = new dev.arf.core.audit.AuditLog() {
            @Override
            public dev.arf.core.audit.AuditRecord append(dev.arf.core.audit.AuditEntry entry) {
                throw new dev.arf.core.audit.AuditUnavailableException("disk full", null);
            }

            @Override
            public List<dev.arf.core.audit.AuditRecord> read(long fromSequence, int limit) {
                return List.of();
            }

            @Override
            public long size() {
                return 0;
            }
        };
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .actuator(recorder)
                .audit(broken)
                .build();
        List<HealingStep> steps = meltDatabase(engine, 6);
        assertThat(executed).isEmpty();
        assertThat(steps)
                .filteredOn(s -> s.status() == HealingStep.Status.FAILED)
                .isNotEmpty()
                .allMatch(s -> s.reasonCode().equals("AUDIT_UNAVAILABLE"));
        assertThat(engine.auditFailures()).isPositive();
    }

    @Test
    void aGateThatFailsRefusesInsteadOfLettingActionsThrough() {
        ActionGate broken = action -> {
            throw new IllegalStateException("blueprints unreadable");
        };
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .actuator(recorder)
                .gate(broken)
                .build();
        List<HealingStep> steps = meltDatabase(engine, 6);
        assertThat(executed).isEmpty();
        assertThat(steps)
                .filteredOn(s -> s.status() == HealingStep.Status.REFUSED)
                .isNotEmpty()
                .allMatch(s -> s.reasonCode().equals("GATE_ERROR"));
    }

    @Test
    void refusesAnInvalidEventAndNamesTheField() {
        ReliabilityEngine engine = ReliabilityEngine.builder().clock(clock).build();
        TelemetryEvent bad =
                TelemetryEvent.builder("api", T0).errorRate(1.5).latencyP99(-3).buildUnchecked();
        AnalysisResult result = engine.process(bad);
        assertThat(result.status()).isEqualTo(AnalysisResult.Status.REJECTED);
        assertThat(result.problems())
                .anyMatch(p -> p.startsWith("error_rate"))
                .anyMatch(p -> p.startsWith("latency_p99"));
    }

    @Test
    void refusesNewServicesBeyondTheLimit() {
        ReliabilityEngine engine =
                ReliabilityEngine.builder().clock(clock).maxServices(2).build();
        engine.process(event("a", 100, 0, 0.1, 0.1));
        engine.process(event("b", 100, 0, 0.1, 0.1));
        AnalysisResult third = engine.process(event("c", 100, 0, 0.1, 0.1));
        assertThat(third.status()).isEqualTo(AnalysisResult.Status.REJECTED);
        assertThat(third.problems()).singleElement().asString().contains("limit of 2 services");
    }

    /** Property: random and hostile events never make process throw; refusals always say why. */
    @Test
    void processNeverThrowsAndAlwaysExplainsARefusal() {
        SplittableRandom random = new SplittableRandom(20261123);
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .actuator(recorder)
                .maxServices(50)
                .build();
        double[] hostile = {
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            -1,
            0,
            1,
            1.0000001,
            Double.MAX_VALUE,
            Double.MIN_VALUE,
            -0.0,
            1e308,
            5e-324
        };
        String[] names = {"api", "", " ", "a".repeat(300), "db\n", "x/y", "💥", null, "svc-1", "svc-2"};
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            double[] v = new double[7];
            for (int k = 0; k < 7; k++) {
                v[k] = random.nextInt(4) == 0
                        ? hostile[random.nextInt(hostile.length)]
                        : random.nextDouble() * (k < 3 ? 2000 : 1);
            }
            Instant ts = random.nextInt(50) == 0 ? null : T0.plusSeconds(random.nextInt(100_000) - 1000L);
            TelemetryEvent event = new TelemetryEvent(
                    names[random.nextInt(names.length)],
                    ts,
                    v[0],
                    v[1],
                    v[2],
                    v[3],
                    v[4],
                    v[5],
                    v[6],
                    random.nextInt(20) == 0 ? Map.of("q", hostile[random.nextInt(hostile.length)]) : Map.of(),
                    Map.of());
            AnalysisResult result = engine.process(event);
            assertThat(result).isNotNull();
            if (result.status() == AnalysisResult.Status.REJECTED) {
                rejected++;
                assertThat(result.problems()).isNotEmpty().allMatch(p -> p.contains(":"));
            } else {
                assertThat(result.confidence()).isBetween(0.0, 1.0);
                assertThat(event.problems()).isEmpty();
            }
            if (random.nextInt(10) == 0) {
                clock.advance(Duration.ofSeconds(random.nextInt(120)));
            }
        }
        assertThat(rejected).isPositive();

        // The hostile stream left the engine whole: it still learns and detects as on day one.
        warmUp(engine, "svc-after-fuzz", 30);
        AnalysisResult meltdown = null;
        for (int i = 0; i < 4; i++) {
            meltdown = engine.process(event("svc-after-fuzz", 850, 0.35, 0.78, 0.98));
            clock.advance(Duration.ofSeconds(15));
        }
        assertThat(meltdown.isAnomaly()).isTrue();
    }
}
