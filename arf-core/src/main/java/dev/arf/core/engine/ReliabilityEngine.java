package dev.arf.core.engine;

import dev.arf.core.agents.BusinessImpact;
import dev.arf.core.agents.Cause;
import dev.arf.core.agents.DependencyView;
import dev.arf.core.agents.Detective;
import dev.arf.core.agents.DetectiveFinding;
import dev.arf.core.agents.Diagnosis;
import dev.arf.core.agents.Diagnostician;
import dev.arf.core.agents.ImpactAgent;
import dev.arf.core.agents.Prediction;
import dev.arf.core.agents.Predictor;
import dev.arf.core.agents.ServiceHistory;
import dev.arf.core.agents.ServiceProfile;
import dev.arf.core.agents.SignalConflicts;
import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditEvents;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditUnavailableException;
import dev.arf.core.audit.InMemoryAuditLog;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Verification;
import dev.arf.core.detect.AnomalyDetector;
import dev.arf.core.detect.Detection;
import dev.arf.core.detect.DetectorSettings;
import dev.arf.core.detect.DetectorSnapshot;
import dev.arf.core.detect.ForestCacheBudget;
import dev.arf.core.detect.Severity;
import dev.arf.core.detect.Signal;
import dev.arf.core.detect.SignalKind;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionGate;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.Actuator;
import dev.arf.core.execute.GateVerdict;
import dev.arf.core.execute.Reverts;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.governance.BlueprintSource;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.KillSwitch;
import dev.arf.core.governance.Permit;
import dev.arf.core.incident.Incident;
import dev.arf.core.incident.IncidentTracker;
import dev.arf.core.incident.TimelineEntry;
import dev.arf.core.policy.DefaultPolicies;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.policy.HealingPolicy;
import dev.arf.core.policy.PolicyContext;
import dev.arf.core.policy.PolicyEngine;
import dev.arf.core.policy.PolicyMatch;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.verify.PendingVerification;
import dev.arf.core.verify.VerificationReport;
import dev.arf.core.verify.Verifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine: telemetry in, explained results out. For each event it detects, analyses with the
 * four agents when something is wrong, tracks the incident, lets healing policies propose actions,
 * passes each through the {@link ActionGate} and hands what is allowed to an {@link Actuator}.
 *
 * <p>Thread-safety: {@link #process} may be called from many threads; events of one service are
 * processed one at a time, different services in parallel. {@link #process} never throws for bad
 * input: an invalid event comes back {@code REJECTED} with the problems named.
 */
public final class ReliabilityEngine implements AutoCloseable {
    private final Clock clock;
    private final DetectorSettings detectorSettings;
    private final ReliabilityStore store;
    private final List<Actuator> actuators;
    private final ActionGate gate;
    private final BlueprintSource blueprints;
    private final Map<String, PendingVerification> pending = new ConcurrentHashMap<>();
    private final PolicyEngine policies;
    private final IncidentTracker incidents;
    private final ImpactAgent impact;
    private final int historySize;
    private final int maxServices;
    private final int snapshotEvery;
    private final Map<String, List<String>> dependencies;
    private final Map<String, List<String>> callers;
    private final java.util.function.Function<String, Optional<DetectorSnapshot>> baselines;
    private final AuditLog audit;
    private final ApprovalBook approvals;
    private final java.util.concurrent.atomic.AtomicLong auditFailures = new java.util.concurrent.atomic.AtomicLong();
    private final ForestCacheBudget forestBudget;

    private final long flushIntervalMillis;
    private final java.util.concurrent.atomic.AtomicLong lastFlush = new java.util.concurrent.atomic.AtomicLong();
    private final Detective detective = new Detective();
    private final Diagnostician diagnostician = new Diagnostician();
    private final Predictor predictor = new Predictor();
    private final Map<String, ServicePipeline> pipelines = new ConcurrentHashMap<>();
    private final Map<String, Incident> recentlyResolved =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Incident> eldest) {
                    return size() > 1_000;
                }
            });

    private ReliabilityEngine(Builder b) {
        this.clock = b.clock;
        this.detectorSettings = b.detectorSettings;
        this.store = b.store;
        this.baselines = b.baselines != null ? b.baselines : store::snapshot;
        this.audit = b.audit;
        this.approvals = b.approvals;
        this.actuators = List.copyOf(b.actuators);
        this.gate = b.gate != null ? b.gate : Guardian.ungoverned(b.clock, KillSwitch.NEVER);
        this.blueprints = b.blueprints;
        this.policies = new PolicyEngine(b.policies);
        this.incidents = new IncidentTracker(b.resolveAfter);
        this.impact = new ImpactAgent(b.profiles, b.defaultProfile);
        this.historySize = b.historySize;
        this.maxServices = b.maxServices;
        this.snapshotEvery = b.snapshotEvery;
        this.dependencies = b.dependencies;
        Map<String, List<String>> reverse = new java.util.HashMap<>();
        b.dependencies.forEach((service, deps) -> deps.forEach(
                d -> reverse.computeIfAbsent(d, k -> new ArrayList<>()).add(service)));
        this.callers = Map.copyOf(reverse);
        this.forestBudget = ForestCacheBudget.of(detectorSettings.rcf());
        this.flushIntervalMillis = b.flushInterval.toMillis();
        this.lastFlush.set(clock.millis());
        incidents.restore(store.incidents(true, 10_000));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Per-service state; its monitor serialises the events of one service. */
    private final class ServicePipeline {
        final AnomalyDetector detector = new AnomalyDetector(detectorSettings, forestBudget);
        final ServiceHistory history = new ServiceHistory(historySize);
        long events;
        Cause lastCause = Cause.UNKNOWN;
        /** The caller's incident this service's traffic loss was last folded into, so it is noted once. */
        String inhibitedBy;
        /** The service whose incident that is. */
        String inhibitedByService;
        /** Read by other services' diagnoses without the lock; a slightly stale value is fine. */
        volatile boolean unhealthy;
    }

    /** The service graph as the Diagnostician sees it: the configured topology and live health. */
    private final DependencyView dependencyView = new DependencyView() {
        @Override
        public List<String> dependenciesOf(String service) {
            return dependencies.getOrDefault(service, List.of());
        }

        @Override
        public boolean isUnhealthy(String service) {
            ServicePipeline pipeline = pipelines.get(service);
            return pipeline != null && pipeline.unhealthy;
        }
    };

    public AnalysisResult process(TelemetryEvent event) {
        if (event == null) {
            return AnalysisResult.rejected(null, null, List.of("event: missing"));
        }
        List<String> problems = event.problems();
        if (!problems.isEmpty()) {
            return AnalysisResult.rejected(event.service(), event.timestamp(), problems);
        }
        ServicePipeline pipeline = pipelines.get(event.service());
        if (pipeline == null) {
            if (pipelines.size() >= maxServices) {
                return AnalysisResult.rejected(
                        event.service(),
                        event.timestamp(),
                        List.of("service: '" + event.service() + "' would exceed the limit of " + maxServices
                                + " services"));
            }
            pipeline = pipelines.computeIfAbsent(event.service(), this::newPipeline);
        }
        AnalysisResult result;
        synchronized (pipeline) {
            result = analyse(event, pipeline);
        }
        flushWhenDue();
        return result;
    }

    /**
     * Telemetry appends are batched by the store; the engine bounds how far behind they may fall by
     * flushing at least every {@code flushInterval} of its clock.
     */
    private void flushWhenDue() {
        long now = clock.millis();
        long last = lastFlush.get();
        if (now - last >= flushIntervalMillis && lastFlush.compareAndSet(last, now)) {
            store.flush();
        }
    }

    private ServicePipeline newPipeline(String service) {
        ServicePipeline pipeline = new ServicePipeline();
        baselines.apply(service).ifPresent(pipeline.detector::restore);
        return pipeline;
    }

    private AnalysisResult analyse(TelemetryEvent event, ServicePipeline pipeline) {
        store.append(event);
        Detection detection = pipeline.detector.observe(event);
        pipeline.history.add(event);
        concludeOverdue(event.timestamp());
        verifyWhenDue(event);
        if (++pipeline.events % snapshotEvery == 0) {
            pipeline.detector.snapshot(event.service()).ifPresent(store::saveSnapshot);
        }
        pipeline.unhealthy = failing(detection);
        Optional<Incident> explainingIncident = upstreamIncidentExplaining(event.service(), detection, pipeline);
        if (explainingIncident.isPresent()) {
            return inhibited(event, detection, pipeline, explainingIncident.get());
        }
        pipeline.inhibitedBy = null;
        pipeline.inhibitedByService = null;
        IncidentTracker.Update update = incidents.observe(detection);
        update.incident().filter(i -> update.changed()).ifPresent(store::saveIncident);
        if (update.resolved()) {
            update.incident().ifPresent(i -> {
                recentlyResolved.put(i.id(), i);
                audit(new AuditEntry(
                        event.timestamp(),
                        AuditEvents.INCIDENT_RESOLVED,
                        i.service(),
                        "engine",
                        Map.of(
                                "incident", i.id(),
                                "mttr_seconds",
                                        i.timeToResolve()
                                                .map(d -> Long.toString(d.toSeconds()))
                                                .orElse(""))));
            });
        }
        if (update.opened()) {
            update.incident().ifPresent(i -> {
                audit(new AuditEntry(
                        event.timestamp(),
                        AuditEvents.RUNTIME_EMIT,
                        i.service(),
                        "engine",
                        Map.of(
                                "incident", i.id(),
                                "confidence", Double.toString(detection.confidence()),
                                "signals",
                                        String.join(
                                                "; ",
                                                detection.signals().stream()
                                                        .limit(5)
                                                        .map(Signal::explanation)
                                                        .toList()))));
                audit(new AuditEntry(
                        event.timestamp(),
                        AuditEvents.INCIDENT_OPENED,
                        i.service(),
                        "engine",
                        Map.of("incident", i.id(), "severity", i.severity().key())));
            });
        }
        DetectiveFinding finding = detective.examine(detection);
        if (!detection.anomalous()) {
            String incidentId = update.incident()
                    .filter(i -> i.state().isOpen())
                    .map(Incident::id)
                    .orElse(null);
            MultiAgentAnalysis analysis = new MultiAgentAnalysis(
                    new IncidentSummary(detection.confidence(), Severity.LOW, incidentId, finding.summary()),
                    finding,
                    null,
                    null,
                    List.of());
            return new AnalysisResult(
                    event.service(),
                    event.timestamp(),
                    AnalysisResult.Status.NORMAL,
                    Severity.LOW,
                    detection.confidence(),
                    analysis,
                    null,
                    List.of(),
                    incidentId,
                    detection,
                    List.of());
        }
        store.saveAnomaly(detection);
        Diagnosis diagnosis = diagnostician.diagnose(event, detection, pipeline.history, dependencyView);
        Prediction prediction = predictor.predict(detection);
        Instant episodeStart = detection.anomalousSince() != null ? detection.anomalousSince() : event.timestamp();
        BusinessImpact businessImpact = impact.assess(event, episodeStart);
        Severity severity = detection.severity().max(businessImpact.severityLevel());
        Instant now = clock.instant();

        Incident incident = update.incident().orElseThrow();
        if (diagnosis.cause() != Cause.UNKNOWN && diagnosis.cause() != pipeline.lastCause) {
            pipeline.lastCause = diagnosis.cause();
            incidents
                    .diagnose(
                            incident.id(),
                            diagnosis.cause().key(),
                            event.service() + ": " + diagnosis.cause().title(),
                            event.timestamp(),
                            "diagnosis: " + diagnosis.summary() + "; " + prediction.summary() + "; "
                                    + businessImpact.summary())
                    .ifPresent(store::saveIncident);
        }

        if (update.opened()) {
            linkCascade(event.service(), incident, event.timestamp());
        }

        List<String> conflicts = SignalConflicts.among(pipeline.history.events(), event.timestamp());
        List<HealingStep> steps = heal(event, detection, diagnosis.cause(), incident.id(), now, conflicts);
        List<String> recommended = new ArrayList<>(Recommendations.forCause(diagnosis.cause(), event.service()));
        String headline = String.format(
                Locale.ROOT,
                "%s %s: %s",
                severity.key().toUpperCase(Locale.ROOT),
                event.service(),
                diagnosis.cause() == Cause.UNKNOWN ? finding.summary() : diagnosis.summary());
        MultiAgentAnalysis analysis = new MultiAgentAnalysis(
                new IncidentSummary(detection.confidence(), severity, incident.id(), headline),
                finding,
                diagnosis,
                prediction,
                recommended);
        return new AnalysisResult(
                event.service(),
                event.timestamp(),
                AnalysisResult.Status.ANOMALY,
                severity,
                detection.confidence(),
                analysis,
                businessImpact,
                steps,
                incident.id(),
                detection,
                List.of());
    }

    /**
     * Like Alertmanager's inhibition of downstream alerts: a service whose only symptom is lost traffic,
     * while one of its callers has an open incident, is receiving less because the caller is failing or
     * shedding load. That is the caller's incident, not a new one: paging for every quiet service
     * behind a broken gateway is noise. Only when it would open a new incident (an open one carries
     * on), and only for traffic below its baseline with no errors, latency or saturation.
     */
    private Optional<Incident> upstreamIncidentExplaining(
            String service, Detection detection, ServicePipeline pipeline) {
        if (!detection.anomalous()
                || !onlyTrafficLoss(detection, pipeline.inhibitedBy != null)
                || incidents.openIncident(service).isPresent()) {
            return Optional.empty();
        }
        for (String caller : callers.getOrDefault(service, List.of())) {
            Optional<Incident> open = incidents.openIncident(caller);
            if (open.isEmpty()) {
                // A caller whose own traffic loss was folded upstream passes the same explanation on.
                ServicePipeline callerPipeline = pipelines.get(caller);
                if (callerPipeline != null && callerPipeline.inhibitedByService != null) {
                    String upstreamId = callerPipeline.inhibitedBy;
                    open = incidents
                            .openIncident(callerPipeline.inhibitedByService)
                            .filter(i -> i.id().equals(upstreamId));
                }
            }
            if (open.isPresent()) {
                return open;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether traffic below its baseline is the only symptom; the forest's "unusual vector" alone counts as
     * the same symptom while the service's traffic loss is already folded into an upstream incident.
     */
    private static boolean onlyTrafficLoss(Detection detection, boolean alreadyInhibited) {
        boolean trafficLoss = alreadyInhibited;
        for (Signal signal : detection.signals()) {
            if (signal.kind() == SignalKind.RCF) {
                continue;
            }
            if (!signal.metric().equals(Metric.THROUGHPUT.key()) || signal.value() >= signal.expected()) {
                return false;
            }
            trafficLoss = true;
        }
        return trafficLoss;
    }

    private AnalysisResult inhibited(
            TelemetryEvent event, Detection detection, ServicePipeline pipeline, Incident upstream) {
        String note = event.service() + " receives less traffic (" + trafficLoss(detection) + ") while its caller "
                + upstream.service() + " has incident " + upstream.id() + ": counted as part of it, no incident opened";
        if (!upstream.id().equals(pipeline.inhibitedBy)) {
            pipeline.inhibitedBy = upstream.id();
            pipeline.inhibitedByService = upstream.service();
            incidents
                    .record(
                            upstream.id(),
                            new TimelineEntry(event.timestamp(), TimelineEntry.Kind.ANALYSIS, "downstream: " + note))
                    .ifPresent(store::saveIncident);
            audit(new AuditEntry(
                    event.timestamp(),
                    AuditEvents.INCIDENT_INHIBITED,
                    event.service(),
                    "engine",
                    Map.of("incident", upstream.id(), "caller", upstream.service())));
        }
        DetectiveFinding finding = detective.examine(detection);
        MultiAgentAnalysis analysis = new MultiAgentAnalysis(
                new IncidentSummary(detection.confidence(), Severity.LOW, upstream.id(), note),
                finding,
                null,
                null,
                List.of());
        return new AnalysisResult(
                event.service(),
                event.timestamp(),
                AnalysisResult.Status.NORMAL,
                Severity.LOW,
                detection.confidence(),
                analysis,
                null,
                List.of(),
                upstream.id(),
                detection,
                List.of());
    }

    private static String trafficLoss(Detection detection) {
        return detection.signals().stream()
                .filter(s -> s.kind() != SignalKind.RCF && s.expected() > 0)
                .findFirst()
                .map(s -> String.format(Locale.ROOT, "%.0f%% below its baseline", 100 * (1 - s.value() / s.expected())))
                .orElse("below its baseline");
    }

    /**
     * Cascades open one incident per affected service. When one opens, it is linked both ways with the
     * open incidents of its dependencies and of its callers, so whoever opens any of them is led down
     * the chain to the likely root.
     */
    private void linkCascade(String service, Incident opened, Instant at) {
        for (String dependency : dependencyView.dependenciesOf(service)) {
            incidents.openIncident(dependency).ifPresent(root -> link(opened, root, dependency, at));
        }
        for (String caller : callers.getOrDefault(service, List.of())) {
            incidents.openIncident(caller).ifPresent(affected -> link(affected, opened, service, at));
        }
    }

    /** Records on the caller's incident that its dependency's incident is closer to the root cause. */
    private void link(Incident affected, Incident root, String dependency, Instant at) {
        incidents
                .record(
                        affected.id(),
                        new TimelineEntry(
                                at,
                                TimelineEntry.Kind.ANALYSIS,
                                "related: dependency " + dependency + " has incident " + root.id()
                                        + ", likely closer to the root cause"))
                .ifPresent(store::saveIncident);
        incidents
                .record(
                        root.id(),
                        new TimelineEntry(
                                at,
                                TimelineEntry.Kind.ANALYSIS,
                                "related: " + affected.service() + ", which depends on it, has incident "
                                        + affected.id()))
                .ifPresent(store::saveIncident);
    }

    /**
     * Whether a service is failing its callers: its latest sample shows errors or latency off their
     * baseline or over a threshold. Judged per sample, not after hysteresis, so that a caller whose
     * event arrives first in the same scrape still sees its dependency failing. A service that is
     * merely quiet (its callers cannot reach it) or busy is not failing.
     */
    private static boolean failing(Detection detection) {
        for (Signal s : detection.signals()) {
            boolean symptom =
                    s.metric().equals(Metric.ERROR_RATE.key()) || s.metric().startsWith("latency_");
            if (symptom && (s.kind() == SignalKind.BASELINE || s.kind() == SignalKind.THRESHOLD)) {
                return true;
            }
        }
        return false;
    }

    private List<HealingStep> heal(
            TelemetryEvent event,
            Detection detection,
            Cause cause,
            String incidentId,
            Instant now,
            List<String> conflicts) {
        double confidence = detection.confidence();
        List<PolicyMatch> matches;
        synchronized (policies) {
            matches = policies.evaluate(PolicyContext.of(event, detection.confidence(), cause.key(), now));
        }
        if (matches.isEmpty()) {
            return List.of();
        }
        List<HealingStep> steps = new ArrayList<>();
        Set<HealingAction> proposed = new HashSet<>();
        for (PolicyMatch match : matches) {
            HealingPolicy policy = match.policy();
            String source = "policy:" + policy.name();
            if (!match.fired()) {
                for (HealingAction type : policy.actions()) {
                    steps.add(new HealingStep(
                            type,
                            event.service(),
                            source,
                            HealingStep.Status.SUPPRESSED,
                            match.reasonCode(),
                            match.explanation()));
                }
                continue;
            }
            if (!conflicts.isEmpty()) {
                // Seed 003: when the sources disagree outright, observe rather than act on bad data.
                String why = "conflicting signals, observing instead of acting: " + String.join("; ", conflicts);
                audit(new AuditEntry(
                        now,
                        AuditEvents.SIGNAL_CONFLICT_OBSERVE,
                        event.service(),
                        source,
                        Map.of("incident", incidentId, "conflicts", String.join("; ", conflicts))));
                for (HealingAction type : policy.actions()) {
                    steps.add(new HealingStep(
                            type,
                            event.service(),
                            source,
                            HealingStep.Status.SUPPRESSED,
                            AuditEvents.SIGNAL_CONFLICT_OBSERVE,
                            why));
                }
                continue;
            }
            policies.recordExecution(policy.name(), event.service(), now);
            audit(new AuditEntry(
                    now,
                    AuditEvents.POLICY_DECISION,
                    event.service(),
                    source,
                    Map.of(
                            "incident", incidentId,
                            "cause", cause.key(),
                            "conditions", match.explanation(),
                            "actions",
                                    String.join(
                                            ",",
                                            policy.actions().stream()
                                                    .map(HealingAction::key)
                                                    .toList()))));
            for (HealingAction type : policy.actions()) {
                if (!proposed.add(type)) {
                    continue;
                }
                Action action = new Action(
                        policy.name() + "|" + event.service() + "|" + type.key() + "|" + now.toEpochMilli(),
                        type,
                        event.service(),
                        Map.of(),
                        source,
                        match.explanation(),
                        now,
                        confidence);
                steps.add(execute(action, incidentId, now));
            }
        }
        return steps;
    }

    private HealingStep execute(Action action, String incidentId, Instant now) {
        return step(executeInIncident(action, incidentId, now));
    }

    private ActionOutcome executeInIncident(Action action, String incidentId, Instant now) {
        incidents.record(
                incidentId,
                new TimelineEntry(
                        now,
                        TimelineEntry.Kind.ACTION_PROPOSED,
                        action.type().key() + " on " + action.target() + " proposed by " + action.source() + ": "
                                + action.reason()));
        ActionOutcome outcome = carryOut(action, incidentId, now);
        store.saveDecision(incidentId, outcome);
        TimelineEntry.Kind kind = switch (outcome.status()) {
            case SUCCEEDED, SKIPPED -> TimelineEntry.Kind.ACTION_EXECUTED;
            case FAILED -> TimelineEntry.Kind.ACTION_FAILED;
            case REFUSED -> TimelineEntry.Kind.ACTION_REFUSED;
        };
        incidents.record(
                incidentId,
                new TimelineEntry(
                        now,
                        kind,
                        action.type().key() + " on " + action.target() + " "
                                + outcome.status().name().toLowerCase(Locale.ROOT) + ": " + outcome.detail()));
        if (outcome.applied() && action.type().mutates()) {
            incidents.mitigating(
                    incidentId, now, "remediation under way: " + action.type().key());
        }
        incidents.openIncident(action.target()).ifPresent(store::saveIncident);
        return outcome;
    }

    private static HealingStep step(ActionOutcome outcome) {
        Action action = outcome.action();
        HealingStep.Status status = switch (outcome.status()) {
            case SUCCEEDED -> HealingStep.Status.EXECUTED;
            case FAILED -> HealingStep.Status.FAILED;
            case SKIPPED -> HealingStep.Status.SKIPPED;
            case REFUSED -> HealingStep.Status.REFUSED;
        };
        String code = outcome.status() == ActionOutcome.Status.SUCCEEDED
                ? "EXECUTED"
                : outcome.detail().contains(":")
                        ? outcome.detail().substring(0, outcome.detail().indexOf(':'))
                        : outcome.status().name();
        return new HealingStep(action.type(), action.target(), action.source(), status, code, outcome.detail());
    }

    /**
     * Gate, then audit, then act. The intent is written to the audit trail before any actuator sees the
     * action, and if it cannot be written the action does not happen (fail closed); the outcome is
     * written after.
     */
    private ActionOutcome carryOut(Action action, String incidentId, Instant now) {
        Map<String, String> about = Map.of(
                "action", action.type().key(),
                "idempotency_key", action.idempotencyKey(),
                "incident", incidentId,
                "reason", action.reason());
        switch (verdict(action)) {
            case GateVerdict.Deny deny -> {
                audit(now, AuditEvents.ORCH_REFUSE, action, with(about, "reason_code", deny.reasonCode()));
                if (deny.reasonCode().equals("ACTION_FORBIDDEN")) {
                    // Seed 002 use case 3: blocked at once, and people are told who tried what.
                    audit(
                            now,
                            AuditEvents.SECURITY_ALERT,
                            action,
                            with(with(about, "proposed_by", action.source()), "refusal", deny.explanation()));
                }
                return new ActionOutcome(
                        action, ActionOutcome.Status.REFUSED, deny.reasonCode() + ": " + deny.explanation(), now);
            }
            case GateVerdict.NeedsApproval needs -> {
                audit(now, AuditEvents.ORCH_REFUSE, action, with(about, "reason_code", needs.reasonCode()));
                return new ActionOutcome(
                        action,
                        ActionOutcome.Status.REFUSED,
                        needs.reasonCode() + ": " + awaitApproval(action, needs),
                        now);
            }
            case GateVerdict.Allow allow -> {
                return act(allow.permit(), about, incidentId, now);
            }
        }
    }

    /** Audit the intent, snapshot the target, act, audit the outcome, and schedule verification. */
    private ActionOutcome act(Permit permit, Map<String, String> about, String incidentId, Instant now) {
        Action action = permit.action();
        Optional<Actuator> actuator =
                actuators.stream().filter(a -> a.handles(action)).findFirst();
        if (actuator.isEmpty()) {
            ActionOutcome none = new ActionOutcome(
                    action, ActionOutcome.Status.SKIPPED, "NO_ACTUATOR: no actuator handles " + action.target(), now);
            gate.completed(permit, none, false);
            return none;
        }
        try {
            audit.append(
                    new AuditEntry(now, AuditEvents.EXECUTION_GATE_PASSED, action.target(), action.source(), about));
            audit.append(new AuditEntry(now, AuditEvents.ORCH_INTENT, action.target(), action.source(), about));
        } catch (AuditUnavailableException e) {
            auditFailures.incrementAndGet();
            ActionOutcome refused = new ActionOutcome(
                    action,
                    ActionOutcome.Status.FAILED,
                    "AUDIT_UNAVAILABLE: not executed because its intent could not be recorded: " + e.getMessage(),
                    now);
            gate.completed(
                    permit, new ActionOutcome(action, ActionOutcome.Status.SKIPPED, refused.detail(), now), false);
            return refused;
        }
        Optional<TargetSnapshot> before = action.type().mutates() ? snapshot(actuator.get(), action) : Optional.empty();
        ActionOutcome outcome = safely(actuator.get(), permit, now);
        audit(
                now,
                outcome.applied() ? AuditEvents.ORCH_EXEC : AuditEvents.ORCH_FAILED,
                action,
                with(with(about, "status", outcome.status().name()), "detail", outcome.detail()));
        Optional<Verification> spec =
                outcome.applied() && action.type().mutates() ? verificationFor(action.target()) : Optional.empty();
        Optional<PendingVerification> check = spec.map(
                v -> new PendingVerification(action, before, v, now.plus(v.stabilizationPeriod()), incidentId));
        check.ifPresent(p -> {
            PendingVerification superseded = pending.put(action.target(), p);
            if (superseded != null) {
                // Only after its lock lapsed: the earlier action's effect can no longer be told apart.
                conclude(superseded, unverifiable(superseded, now, "superseded by " + action.idempotencyKey()), now);
            }
        });
        gate.completed(permit, outcome, check.map(ReliabilityEngine::deadline));
        return outcome;
    }

    private static Optional<TargetSnapshot> snapshot(Actuator actuator, Action action) {
        try {
            return actuator.snapshot(action.target());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The blueprint's verification for a target, when one is enabled and has checks. */
    private Optional<Verification> verificationFor(String target) {
        if (blueprints == null) {
            return Optional.empty();
        }
        try {
            return blueprints
                    .current()
                    .blueprint(target)
                    .map(ServiceBlueprint::verification)
                    .filter(v -> v.enabled() && !v.checks().isEmpty());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs the checks of the action on this event's service once its stabilisation period has passed;
     * a failure that calls for it rolls the action back (through the gate, like any action), and a
     * failed rollback is escalated to a person.
     */
    private void verifyWhenDue(TelemetryEvent event) {
        PendingVerification due = pending.get(event.service());
        Instant now = clock.instant();
        if (due == null || now.isBefore(due.due()) || !pending.remove(event.service(), due)) {
            return;
        }
        conclude(due, Verifier.verify(due.action(), due.spec(), event, now), now);
    }

    /** When a verification's verdict must be known: its due time plus one more stabilisation period. */
    private static Instant deadline(PendingVerification p) {
        return p.due().plus(p.spec().stabilizationPeriod());
    }

    /**
     * Verifications whose service has said nothing past their deadline fail: what cannot be seen is
     * not verified, and a service gone silent after an action may have been harmed by it.
     */
    private void concludeOverdue(Instant now) {
        if (pending.isEmpty()) {
            return;
        }
        for (PendingVerification p : List.copyOf(pending.values())) {
            if (!now.isBefore(deadline(p)) && pending.remove(p.action().target(), p)) {
                conclude(
                        p,
                        unverifiable(p, now, "no observation of " + p.action().target() + " since the action"),
                        now);
            }
        }
    }

    private static VerificationReport unverifiable(PendingVerification p, Instant now, String why) {
        return new VerificationReport(
                p.action(),
                now,
                p.spec().checks().stream()
                        .map(c -> new dev.arf.core.verify.CheckResult(
                                c, Double.NaN, false, c.metric() + " not verified (" + why + ") FAILED"))
                        .toList());
    }

    /**
     * Records a verification's verdict; a failure that calls for it rolls the action back (through the
     * gate, like any action), and a failed rollback is escalated to a person.
     */
    private void conclude(PendingVerification due, VerificationReport report, Instant now) {
        Action action = due.action();
        boolean revert = Reverts.isRevert(action);
        Map<String, String> about = Map.of(
                "action", action.type().key(),
                "idempotency_key", action.idempotencyKey(),
                "incident", due.incidentId(),
                "checks", report.summary());
        if (report.healthy()) {
            gate.verified(action, true, Optional.empty());
            audit(now, AuditEvents.VERIFICATION_PASSED, action, about);
            timeline(
                    due.incidentId(),
                    now,
                    TimelineEntry.Kind.VERIFIED,
                    (revert ? "rollback of " : "") + action.type().key() + " on " + action.target() + " verified: "
                            + report.summary());
            return;
        }
        boolean rollback = !revert && report.callsForRollback(due.spec().rollback());
        Optional<Action> undo = rollback
                ? due.before().flatMap(b -> Reverts.of(action, b, "verification failed: " + report.summary(), now))
                : Optional.empty();
        // The Guardian lets through exactly this revert, once; nothing else may claim to undo the action.
        gate.verified(action, false, undo);
        String next = revert
                ? "the rollback did not restore health: escalate to a person"
                : undo.isPresent()
                        ? "rolling back"
                        : rollback
                                ? "cannot be rolled back (no snapshot of the state before it): escalate"
                                : "no rollback asked for";
        audit(now, AuditEvents.VERIFICATION_FAILED, action, with(about, "next", next));
        timeline(
                due.incidentId(),
                now,
                TimelineEntry.Kind.VERIFICATION_FAILED,
                action.type().key() + " on " + action.target() + " failed verification: " + report.summary() + "; "
                        + next);
        undo.ifPresent(u -> {
            audit(now, AuditEvents.ROLLBACK_TRIGGERED, u, with(about, "revert", u.idempotencyKey()));
            ActionOutcome outcome = carryOut(u, due.incidentId(), now);
            timeline(
                    due.incidentId(),
                    now,
                    TimelineEntry.Kind.ROLLED_BACK,
                    u.type().key() + " on " + u.target() + " to undo " + action.idempotencyKey() + " "
                            + outcome.status().name().toLowerCase(Locale.ROOT) + ": " + outcome.detail());
            store.saveDecision(due.incidentId(), outcome);
        });
    }

    private void timeline(String incidentId, Instant at, TimelineEntry.Kind kind, String message) {
        if (!incidentId.isEmpty()) {
            incidents.record(incidentId, new TimelineEntry(at, kind, message));
        }
    }

    /**
     * Proposes one action from outside a policy (the decision engine, a person through the CLI or the
     * API): it passes the same gate, audit and verification as a policy's, and is recorded against
     * the target's open incident if there is one.
     */
    public ActionOutcome propose(Action action) {
        Objects.requireNonNull(action, "action");
        Instant now = clock.instant();
        concludeOverdue(now);
        String incidentId =
                incidents.openIncident(action.target()).map(Incident::id).orElse("");
        if (!incidentId.isEmpty()) {
            return executeInIncident(action, incidentId, now);
        }
        ActionOutcome outcome = carryOut(action, incidentId, now);
        store.saveDecision(incidentId, outcome);
        return outcome;
    }

    /** The newest accepted observation of a service, if it has sent any. */
    public Optional<TelemetryEvent> latest(String service) {
        ServicePipeline pipeline = pipelines.get(service);
        if (pipeline == null) {
            return Optional.empty();
        }
        synchronized (pipeline) {
            List<TelemetryEvent> events = pipeline.history.events();
            return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
        }
    }

    /** Actions executed and waiting for their checks, by target. */
    public List<PendingVerification> pendingVerifications() {
        return List.copyOf(pending.values());
    }

    /** The gate's verdict; a gate that fails refuses (fail closed) rather than letting the action through. */
    private GateVerdict verdict(Action action) {
        try {
            return Objects.requireNonNull(gate.check(action), "the gate returned no verdict");
        } catch (RuntimeException e) {
            return new GateVerdict.Deny("GATE_ERROR", "the gate could not decide, so the action is refused: " + e);
        }
    }

    /** Opens (or finds) the approval request for an action that needs a person, when approvals are kept. */
    private String awaitApproval(Action action, GateVerdict.NeedsApproval needs) {
        if (approvals == null) {
            return needs.explanation() + " (no approval workflow configured)";
        }
        try {
            ApprovalRequest request = approvals.request(action, needs.operation(), needs.approvers(), action.reason());
            return needs.explanation() + "; awaiting approval " + request.id() + " (expires " + request.expiresAt()
                    + ")";
        } catch (RuntimeException e) {
            return needs.explanation() + "; the approval request could not be recorded: " + e.getMessage();
        }
    }

    /** Records an entry whose absence would not make anything unsafe; a failure is only noted. */
    private void audit(Instant at, String event, Action action, Map<String, String> details) {
        audit(new AuditEntry(at, event, action.target(), action.source(), details));
    }

    private void audit(AuditEntry entry) {
        try {
            audit.append(entry);
        } catch (AuditUnavailableException e) {
            auditFailures.incrementAndGet();
        }
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    /** An actuator that throws breaks its contract; the engine records that as a failure. */
    private static ActionOutcome safely(Actuator actuator, Permit permit, Instant now) {
        Action action = permit.action();
        try {
            return Objects.requireNonNull(actuator.execute(permit), "actuator returned no outcome");
        } catch (RuntimeException e) {
            return new ActionOutcome(action, ActionOutcome.Status.FAILED, "ACTUATOR_ERROR: " + e, now);
        }
    }

    /**
     * Audit entries that could not be written. Actions whose intent could not be written were not
     * carried out (their outcome says AUDIT_UNAVAILABLE); other entries are only missing.
     */
    public long auditFailures() {
        return auditFailures.get();
    }

    /** Incidents currently open, one per affected service. */
    public List<Incident> openIncidents() {
        return incidents.openIncidents();
    }

    /** An open or recently resolved incident, else whatever the store has. */
    public Optional<Incident> incident(String id) {
        Optional<Incident> open = incidents.openIncidents().stream()
                .filter(i -> i.id().equals(id))
                .findFirst();
        if (open.isPresent()) {
            return open;
        }
        Incident resolved = recentlyResolved.get(id);
        return resolved != null ? Optional.of(resolved) : store.incident(id);
    }

    public Incident acknowledge(String incidentId, String who) {
        Incident incident = incidents
                .acknowledge(incidentId, who, clock.instant())
                .orElseThrow(() -> new IllegalArgumentException("no open incident " + incidentId));
        store.saveIncident(incident);
        return incident;
    }

    /**
     * A person resolves an open incident now; it is saved and kept among the recently resolved.
     *
     * @throws IllegalArgumentException when no open incident has this id
     */
    public Incident resolve(String incidentId, String who) {
        Incident incident = incidents
                .resolve(incidentId, who, clock.instant())
                .orElseThrow(() -> new IllegalArgumentException("no open incident " + incidentId));
        recentlyResolved.put(incident.id(), incident);
        store.saveIncident(incident);
        return incident;
    }

    /** An alert from an outside system (e.g. Alertmanager), as the engine takes it. */
    public record RaisedAlert(
            String fingerprint, String service, String title, Severity severity, Instant startedAt, String summary) {
        public RaisedAlert {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /**
     * Opens an incident for an outside alert, one per fingerprint while open: the same alert again
     * returns the open incident ({@code opened} false). An alert whose incident (same fingerprint and
     * start) was already resolved — by a person, or by the alert's own resolution — is not reopened;
     * {@code incident} is then that resolved incident. Saved and audited ({@code INCIDENT_OPENED} by
     * {@code actor}) like a detected one; detection never merges into it.
     */
    public IncidentTracker.Update raise(RaisedAlert alert, String actor) {
        Instant now = clock.instant();
        String id = IncidentTracker.raisedId(alert.fingerprint(), alert.startedAt());
        Optional<Incident> earlier = incident(id).filter(i -> !i.state().isOpen());
        if (earlier.isPresent()) {
            return new IncidentTracker.Update(earlier, false, false, false);
        }
        IncidentTracker.Update update = incidents.raise(
                alert.fingerprint(),
                alert.service(),
                alert.title(),
                alert.severity(),
                alert.startedAt(),
                now,
                "raised by " + actor + ": " + alert.summary());
        if (update.opened()) {
            Incident i = update.incident().orElseThrow();
            store.saveIncident(i);
            audit(new AuditEntry(
                    now,
                    AuditEvents.INCIDENT_OPENED,
                    i.service(),
                    actor,
                    Map.of("incident", i.id(), "severity", i.severity().key(), "fingerprint", alert.fingerprint())));
        }
        return update;
    }

    /** Resolves the open incident raised for this fingerprint; empty when none is open. Saved and audited. */
    public Optional<Incident> clear(String fingerprint, String actor, String why) {
        Instant now = clock.instant();
        Optional<Incident> resolved = incidents.clear(fingerprint, now, why);
        resolved.ifPresent(i -> {
            recentlyResolved.put(i.id(), i);
            store.saveIncident(i);
            audit(new AuditEntry(
                    now,
                    AuditEvents.INCIDENT_RESOLVED,
                    i.service(),
                    actor,
                    Map.of(
                            "incident", i.id(),
                            "mttr_seconds",
                                    i.timeToResolve()
                                            .map(d -> Long.toString(d.toSeconds()))
                                            .orElse(""))));
        });
        return resolved;
    }

    /** Saves every service's baselines and writes buffered telemetry. */
    public void checkpoint() {
        pipelines.forEach((service, pipeline) -> {
            synchronized (pipeline) {
                pipeline.detector.snapshot(service).ifPresent(store::saveSnapshot);
            }
        });
        store.flush();
    }

    @Override
    public void close() {
        checkpoint();
    }

    public Clock clock() {
        return clock;
    }

    /** Wires an engine; everything has a working default, so {@code builder().build()} is usable. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private DetectorSettings detectorSettings = DetectorSettings.defaults();
        private List<HealingPolicy> policies = DefaultPolicies.all();
        private ReliabilityStore store = ReliabilityStore.NONE;
        private final List<Actuator> actuators = new ArrayList<>();
        private ActionGate gate;
        private BlueprintSource blueprints;
        private Duration resolveAfter = Duration.ofMinutes(5);
        private Map<String, ServiceProfile> profiles = Map.of();
        private ServiceProfile defaultProfile = ServiceProfile.DEFAULT;
        private int historySize = 40;
        private int maxServices = 100_000;
        private int snapshotEvery = 1_000;
        private Map<String, List<String>> dependencies = Map.of();
        private java.util.function.Function<String, Optional<DetectorSnapshot>> baselines;
        private AuditLog audit = new InMemoryAuditLog();
        private ApprovalBook approvals;
        private Duration flushInterval = Duration.ofSeconds(1);

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder detectorSettings(DetectorSettings settings) {
            this.detectorSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Replaces the built-in policies. */
        public Builder policies(List<HealingPolicy> policies) {
            this.policies = List.copyOf(policies);
            return this;
        }

        public Builder store(ReliabilityStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Adds an actuator; the first that {@link Actuator#handles} an action carries it out. */
        public Builder actuator(Actuator actuator) {
            this.actuators.add(Objects.requireNonNull(actuator, "actuator"));
            return this;
        }

        public Builder gate(ActionGate gate) {
            this.gate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        /** How long a service must stay healthy before its incident resolves (default 5 minutes). */
        public Builder resolveAfter(Duration resolveAfter) {
            this.resolveAfter = Objects.requireNonNull(resolveAfter, "resolveAfter");
            return this;
        }

        public Builder serviceProfiles(Map<String, ServiceProfile> profiles) {
            this.profiles = Map.copyOf(profiles);
            return this;
        }

        public Builder defaultProfile(ServiceProfile profile) {
            this.defaultProfile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** Upper bound on distinct services, so a flood of made-up names cannot exhaust memory. */
        public Builder maxServices(int maxServices) {
            if (maxServices < 1) {
                throw new IllegalArgumentException("maxServices must be positive");
            }
            this.maxServices = maxServices;
            return this;
        }

        /** Longest the store's telemetry buffer may lag behind, on the engine's clock (default 1 s). */
        public Builder flushInterval(Duration flushInterval) {
            if (flushInterval.isNegative()) {
                throw new IllegalArgumentException("flushInterval must not be negative");
            }
            this.flushInterval = flushInterval;
            return this;
        }

        /**
         * The service graph: each service's direct dependencies (e.g. checkout → payments, cache). Lets
         * the Diagnostician tell a failing dependency from an unreachable one.
         */
        public Builder dependencies(Map<String, List<String>> dependencies) {
            Map<String, List<String>> copy = new java.util.HashMap<>();
            dependencies.forEach((service, deps) -> copy.put(service, List.copyOf(deps)));
            this.dependencies = Map.copyOf(copy);
            return this;
        }

        /**
         * Where a service's learned baselines come from when the engine first sees it; by default the
         * store. {@code arf analyze} reads them from a store it never writes to.
         */
        public Builder baselines(java.util.function.Function<String, Optional<DetectorSnapshot>> source) {
            this.baselines = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * The hash-chained audit trail every decision and action is written to (default: kept in
         * memory). An action whose intent cannot be recorded is not carried out.
         */
        public Builder audit(AuditLog audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        /**
         * Where actions that need a person become approval requests (the same book the gate consults);
         * without one, such actions are only refused.
         */
        /**
         * The blueprints whose verification checks run after each action (the same source the Guardian
         * reads); without them nothing is verified.
         */
        public Builder blueprints(BlueprintSource blueprints) {
            this.blueprints = Objects.requireNonNull(blueprints, "blueprints");
            return this;
        }

        public Builder approvals(ApprovalBook approvals) {
            this.approvals = Objects.requireNonNull(approvals, "approvals");
            return this;
        }

        public ReliabilityEngine build() {
            return new ReliabilityEngine(this);
        }
    }
}
