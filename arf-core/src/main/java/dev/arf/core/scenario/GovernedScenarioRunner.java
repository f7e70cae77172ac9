package dev.arf.core.scenario;

import dev.arf.core.agent.AgentDecision;
import dev.arf.core.agent.BlueprintAmendments;
import dev.arf.core.agent.ReliabilityAgent;
import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.approval.ApprovalState;
import dev.arf.core.approval.InMemoryApprovalStore;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditEvents;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.decide.ScalingDecision;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.BlueprintSource;
import dev.arf.core.governance.Guardian;
import dev.arf.core.sim.CapacityCluster;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays a {@link GovernedScenario}: every 10 s of virtual time each deployment reports, every 30 s the
 * agent iterates; the Guardian, approvals, verification and rollback run as in production. Timings
 * come from the engine's clock, so a 25-minute scenario takes milliseconds.
 */
public final class GovernedScenarioRunner {
    public static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final Duration ITERATION = Duration.ofSeconds(30);
    private static final String APPROVER = "alice";

    private final AuditLog audit;
    private final BlueprintAmendments amendments;

    /** @param audit where the scenario's audit trail goes (the store's, in the CLI) */
    public GovernedScenarioRunner(AuditLog audit) {
        this(audit, BlueprintAmendments.NONE);
    }

    /** @param amendments where an amended blueprint is recorded as a new version (the store's history) */
    public GovernedScenarioRunner(AuditLog audit, BlueprintAmendments amendments) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.amendments = Objects.requireNonNull(amendments, "amendments");
    }

    public GovernedReport run(GovernedScenario scenario) {
        VirtualClock clock = new VirtualClock(START);
        CapacityCluster cluster = new CapacityCluster(clock, scenario.deployments());
        AtomicReference<BlueprintCatalog> catalog =
                new AtomicReference<>(BlueprintCatalog.of(List.copyOf(scenario.blueprints())));
        BlueprintSource blueprints = catalog::get;
        List<GovernedReport.Moment> moments = new ArrayList<>();
        Map<String, Duration> timings = new LinkedHashMap<>();
        List<String> versions = new ArrayList<>();
        Watch watch = new Watch(audit);
        List<GovernedReport.Moment> amendedNow = new ArrayList<>();
        ApprovalBook approvals = new ApprovalBook(new InMemoryApprovalStore(), watch, clock, Duration.ofHours(1));
        ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .policies(List.of())
                .actuator(cluster)
                .audit(watch)
                .approvals(approvals)
                .blueprints(blueprints)
                .gate(Guardian.builder(clock, blueprints).approvals(approvals).build())
                .build();
        ReliabilityAgent agent = ReliabilityAgent.builder(
                        engine, blueprints, s -> OptionalInt.of(cluster.desiredReplicas(s)))
                .agentId("arf-agent-demo")
                .audit(watch)
                .amendments((before, after, by, reason, at) -> {
                    // Put in force for the next decision, recorded where the caller keeps versions.
                    Map<String, ServiceBlueprint> services =
                            new HashMap<>(catalog.get().services());
                    services.put(after.metadata().name(), after);
                    catalog.set(new BlueprintCatalog(services, catalog.get().global()));
                    String line =
                            after.metadata().name() + " " + before.metadata().version() + " → "
                                    + after.metadata().version() + ": max_replicas "
                                    + before.scaling().maxReplicas()
                                    + " → " + after.scaling().maxReplicas() + " (approved by " + APPROVER + ")";
                    versions.add(line);
                    // Told after the decision that caused it, once the iteration's decisions are told.
                    amendedNow.add(new GovernedReport.Moment(Duration.between(START, at), "blueprint " + line));
                    amendments.amend(before, after, "person:" + APPROVER, reason, at);
                })
                .build();
        Map<String, Instant> requested = new HashMap<>();
        Map<String, String> lastOutcome = new HashMap<>();
        Instant end = START.plus(scenario.duration());
        boolean proposed = scenario.proposal() == null;
        for (Instant now = START; !now.isAfter(end); now = clock.advance(STEP)) {
            Duration at = Duration.between(START, now);
            for (String service : cluster.services()) {
                engine.process(cluster.observe(service));
            }
            if (!proposed && !at.minus(scenario.proposeAt()).isNegative()) {
                proposed = true;
                Action a = scenario.proposal();
                Action fresh = new Action(
                        a.idempotencyKey(),
                        a.type(),
                        a.target(),
                        a.parameters(),
                        a.source(),
                        a.reason(),
                        now,
                        a.confidence());
                long t0 = System.nanoTime();
                ActionOutcome outcome = engine.propose(fresh);
                long micros = (System.nanoTime() - t0) / 1_000;
                timings.put("refused in (wall clock)", Duration.ofNanos(micros * 1_000));
                moments.add(new GovernedReport.Moment(
                        at,
                        a.source() + " proposes " + a.type().key() + " on " + a.target() + " → "
                                + outcome.status().name().toLowerCase(java.util.Locale.ROOT) + " in " + micros + " µs: "
                                + outcome.detail()));
            }
            if (at.toSeconds() % ITERATION.toSeconds() == 0) {
                for (AgentDecision d : agent.iterate()) {
                    ScalingDecision decision = d.decision();
                    if (decision.verdict() == ScalingDecision.Verdict.HOLD
                            && !d.outcome().equals("hold")) {
                        continue;
                    }
                    if (decision.verdict() == ScalingDecision.Verdict.HOLD) {
                        if (at.isZero()) {
                            moments.add(
                                    new GovernedReport.Moment(at, decision.service() + ": " + decision.rationale()));
                        }
                        continue;
                    }
                    // A decision repeated while it waits (for an approval, say) is told once.
                    if (d.outcome().equals(lastOutcome.put(decision.service(), d.outcome()))) {
                        continue;
                    }
                    moments.add(new GovernedReport.Moment(
                            at, decision.service() + ": " + decision.rationale() + " → " + d.outcome()));
                    timings.putIfAbsent("first decision", at);
                    if (d.outcome().startsWith("SUCCEEDED")) {
                        timings.putIfAbsent("first action executed", at);
                    }
                }
                moments.addAll(amendedNow);
                amendedNow.clear();
            }
            for (ApprovalRequest r : approvals.open()) {
                if (r.state() != ApprovalState.PENDING) {
                    continue;
                }
                if (requested.putIfAbsent(r.id(), now) == null) {
                    timings.putIfAbsent("approval requested", at);
                    moments.add(new GovernedReport.Moment(
                            at,
                            "approval " + r.id() + " requested from " + r.approvers() + ": " + r.operation() + " on "
                                    + r.action().target()));
                }
                if (scenario.approveAfter() != null
                        && !now.isBefore(requested.get(r.id()).plus(scenario.approveAfter()))) {
                    approvals.approve(r.id(), APPROVER, "reviewed the capacity plan");
                    timings.putIfAbsent("approved", at);
                    moments.add(new GovernedReport.Moment(at, APPROVER + " approved " + r.id()));
                }
            }
            for (AuditRecord record : watch.drain()) {
                AuditEntry e = record.entry();
                switch (e.event()) {
                    case AuditEvents.VERIFICATION_PASSED -> {
                        timings.putIfAbsent("verified", at);
                        moments.add(new GovernedReport.Moment(
                                at,
                                "verified on " + e.subject() + ": "
                                        + e.details().get("checks")));
                    }
                    case AuditEvents.VERIFICATION_FAILED -> {
                        timings.putIfAbsent("verification failed", at);
                        moments.add(new GovernedReport.Moment(
                                at,
                                "verification FAILED on " + e.subject() + ": "
                                        + e.details().get("checks") + " → "
                                        + e.details().get("next")));
                    }
                    case AuditEvents.SECURITY_ALERT ->
                        moments.add(new GovernedReport.Moment(
                                at,
                                "security alert raised: " + e.details().get("proposed_by") + " tried "
                                        + e.details().get("action") + " on " + e.subject()));
                    case AuditEvents.ROLLBACK_TRIGGERED -> {
                        timings.putIfAbsent("rolled back", at);
                        moments.add(new GovernedReport.Moment(at, "rollback of " + e.subject() + " started"));
                    }
                    default -> {}
                }
            }
        }
        Map<String, Integer> replicas = new LinkedHashMap<>();
        for (String s : cluster.services()) {
            replicas.put(s, cluster.desiredReplicas(s));
        }
        return new GovernedReport(
                scenario.name(),
                scenario.title(),
                moments,
                timings,
                scenario.seedTiming(),
                replicas,
                versions,
                GovernedScenarioCatalog.expected(scenario.name(), replicas, timings, moments),
                GovernedScenarioCatalog.verdict(scenario.name(), replicas, timings));
    }

    /** Passes every entry on, and keeps the ones the story tells. */
    private static final class Watch implements AuditLog {
        private final AuditLog delegate;
        private final List<AuditRecord> seen = new ArrayList<>();

        Watch(AuditLog delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized AuditRecord append(AuditEntry entry) {
            AuditRecord record = delegate.append(entry);
            seen.add(record);
            return record;
        }

        @Override
        public List<AuditRecord> read(long fromSequence, int limit) {
            return delegate.read(fromSequence, limit);
        }

        @Override
        public long size() {
            return delegate.size();
        }

        synchronized List<AuditRecord> drain() {
            List<AuditRecord> copy = List.copyOf(seen);
            seen.clear();
            return copy;
        }
    }
}
