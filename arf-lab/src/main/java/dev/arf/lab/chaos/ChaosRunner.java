package dev.arf.lab.chaos;

import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.approval.InMemoryApprovalStore;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditEvents;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.audit.InMemoryAuditLog;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.KillSwitch;
import dev.arf.core.incident.Incident;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.sim.Fault;
import dev.arf.core.sim.Fleet;
import dev.arf.core.sim.FleetCatalog;
import dev.arf.core.sim.ServiceSpec;
import dev.arf.core.sim.SimulatorActuator;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a {@link ChaosExperiment} on the simulated fleet ({@link FleetCatalog#standard()}) with ARF's
 * real engine, built-in healing policies and the Guardian governed by blueprints, on virtual time:
 * a 90-minute experiment takes well under a second. Deterministic for a seed.
 *
 * <p>Every 15 s of virtual time the fleet reports one event per service and the engine processes
 * them. Until the fault goes in, nothing is injected. Then, every step: the safety checks are judged
 * on the telemetry while the fault is in (a failure held for the check's {@code for} aborts the
 * experiment: the fault is removed at once); the steady-state hypothesis is judged to tell when it
 * broke and when it held again (recovery: it held from then to the end of the run, for at least
 * {@link #RECOVERY_HOLD}); ARF's incidents and actions are read from its audit trail. The fault ends
 * at its scheduled end, unless ARF's action removed it first (a restart ends pod-bound faults, see
 * {@link dev.arf.core.sim.Fleet#apply}) or a safety check aborted it.
 */
public final class ChaosRunner {
    public static final Instant START = Instant.parse("2026-11-24T09:00:00Z");
    public static final Duration STEP = Duration.ofSeconds(15);
    /** How long the steady state must hold again before the experiment counts as recovered. */
    public static final Duration RECOVERY_HOLD = Duration.ofMinutes(5);

    /** When no steady state is written: every service under 2% errors and a p99 under 500 ms. */
    static final List<HealthCheck> DEFAULT_STEADY_STATE = List.of(
            new HealthCheck(Metric.ERROR_RATE, true, 0.02, HealthCheck.Scope.ALL, List.of(), Duration.ZERO),
            new HealthCheck(Metric.LATENCY_P99, true, 500, HealthCheck.Scope.ALL, List.of(), Duration.ZERO));

    private final BlueprintCatalog blueprints;
    private final KillSwitch killSwitch;
    private final List<ServiceSpec> specs = FleetCatalog.standard();

    /**
     * @param blueprints govern every action (see {@link ChaosBlueprints#builtIn()})
     * @param killSwitch engaged: ARF detects and proposes, but no action runs
     */
    public ChaosRunner(BlueprintCatalog blueprints, KillSwitch killSwitch) {
        this.blueprints = Objects.requireNonNull(blueprints, "blueprints");
        this.killSwitch = Objects.requireNonNull(killSwitch, "killSwitch");
    }

    public ExperimentResult run(ChaosExperiment experiment, long seed) {
        return new Run(experiment, seed).play();
    }

    /**
     * Runs the fleet with no fault at all for {@code length} (from {@link #START}), with the same engine,
     * policies and governance: every incident is a false positive.
     */
    public SoakResult soak(Duration length, long seed) {
        VirtualClock clock = new VirtualClock(START);
        Fleet fleet = new Fleet(specs, START, seed);
        Watch audit = new Watch(new InMemoryAuditLog());
        int hours = (int) Math.max(1, (length.toSeconds() + 3599) / 3600);
        int[] opened = new int[hours];
        boolean[] withIncident = new boolean[hours];
        List<String> incidents = new ArrayList<>();
        Map<String, Duration> openSince = new LinkedHashMap<>();
        int executed = 0;
        int refused = 0;
        try (ReliabilityEngine engine = engine(clock, fleet, audit)) {
            for (Duration t = Duration.ZERO; t.compareTo(length) < 0; t = t.plus(STEP)) {
                List<TelemetryEvent> batch = fleet.tick(STEP);
                clock.setTo(fleet.now());
                for (TelemetryEvent event : batch) {
                    engine.process(event);
                }
                Duration now = t.plus(STEP);
                int hour = (int) Math.min(hours - 1, t.toHours());
                for (AuditRecord r : audit.drain()) {
                    AuditEntry e = r.entry();
                    Duration at = Duration.between(START, e.at());
                    switch (e.event()) {
                        case AuditEvents.INCIDENT_OPENED -> {
                            opened[hour]++;
                            openSince.put(e.details().get("incident"), at);
                            incidents.add(e.subject() + " at " + Durations.text(at));
                        }
                        case AuditEvents.INCIDENT_RESOLVED ->
                            openSince.remove(e.details().get("incident"));
                        case AuditEvents.ORCH_EXEC -> {
                            if (HealingAction.byKey(e.details().getOrDefault("action", ""))
                                    .map(HealingAction::mutates)
                                    .orElse(true)) {
                                executed++;
                            }
                        }
                        case AuditEvents.ORCH_REFUSE -> refused++;
                        default -> {}
                    }
                }
                if (!openSince.isEmpty()) {
                    withIncident[hour] = true;
                }
                if (now.toSeconds() % 3600 == 0 && !openSince.isEmpty() && hour + 1 < hours) {
                    withIncident[hour + 1] = true;
                }
            }
        }
        List<Integer> perHour = new ArrayList<>();
        List<Boolean> flagged = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            perHour.add(opened[h]);
            flagged.add(withIncident[h]);
        }
        return new SoakResult(length, seed, perHour, flagged, incidents, executed, refused);
    }

    private ReliabilityEngine engine(VirtualClock clock, Fleet fleet, AuditLog audit) {
        ApprovalBook approvals = new ApprovalBook(new InMemoryApprovalStore(), audit, clock, Duration.ofHours(1));
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        specs.forEach(s -> dependencies.put(s.name(), s.dependencies()));
        return ReliabilityEngine.builder()
                .clock(clock)
                .dependencies(dependencies)
                .actuator(new SimulatorActuator(fleet))
                .audit(audit)
                .approvals(approvals)
                .blueprints(() -> blueprints)
                .gate(Guardian.builder(clock, () -> blueprints)
                        .approvals(approvals)
                        .killSwitch(killSwitch)
                        .build())
                .build();
    }

    /** One run's state; the loop in {@link #play} is the whole story. */
    private final class Run {
        final ChaosExperiment experiment;
        final long seed;
        final VirtualClock clock = new VirtualClock(START);
        final Fleet fleet;
        final Watch audit = new Watch(new InMemoryAuditLog());
        final ReliabilityEngine engine;
        final List<Moment> timeline = new ArrayList<>();
        final List<ActionRecord> actions = new ArrayList<>();
        final Map<String, List<TelemetryEvent>> history = new LinkedHashMap<>();
        final List<Opened> incidents = new ArrayList<>();
        final Map<String, String> signals = new HashMap<>();
        /** Services whose own telemetry broke the steady state after the fault went in. */
        final Set<String> degraded = new java.util.LinkedHashSet<>();

        final List<HealthCheck> steadyState;

        Injection injection;
        final List<Fault> active = new ArrayList<>();
        Duration injectedAt;
        Duration scheduledEnd;
        Duration brokenAt;
        Duration healthySince;
        boolean broken;
        String abortedBy;
        String removedBy;
        boolean notStarted;
        int resolved;
        final Map<HealthCheck, Duration> failingSince = new HashMap<>();

        Run(ChaosExperiment experiment, long seed) {
            this.experiment = experiment;
            this.seed = seed;
            this.fleet = new Fleet(specs, START, seed);
            this.steadyState = experiment.steadyState().isEmpty() ? DEFAULT_STEADY_STATE : experiment.steadyState();
            this.engine = engine(clock, fleet, audit);
        }

        ExperimentResult play() {
            Duration length = experiment.length();
            Duration faultAt = experiment.warmUp();
            Duration faultEnd = faultAt.plus(experiment.duration());
            List<TelemetryEvent> last = List.of();
            try (engine) {
                for (Duration t = Duration.ZERO; t.compareTo(length) < 0; t = t.plus(STEP)) {
                    if (t.equals(faultAt)) {
                        if (!inject(t, last)) {
                            break;
                        }
                    }
                    if (!active.isEmpty() && t.compareTo(faultEnd) >= 0) {
                        active.forEach(fleet::clear);
                        active.clear();
                        moment(
                                t,
                                "FAULT_ENDED",
                                "fault taken out at its scheduled end, after " + Durations.text(experiment.duration()));
                    }
                    last = fleet.tick(STEP);
                    clock.setTo(fleet.now());
                    Duration now = t.plus(STEP);
                    noticeRemoval(now);
                    for (TelemetryEvent event : last) {
                        engine.process(event);
                        history.computeIfAbsent(event.service(), s -> new ArrayList<>())
                                .add(event);
                    }
                    drainAudit();
                    if (injection != null) {
                        judgeSafety(now, last);
                        judgeSteadyState(now, last);
                    }
                }
            }
            return result(length);
        }

        /** Checks the hypothesis, then puts the fault in; false if the hypothesis does not hold. */
        boolean inject(Duration t, List<TelemetryEvent> last) {
            injection = Injection.resolve(experiment, fleet, specs, seed);
            List<String> failing = failing(steadyState, last);
            if (!failing.isEmpty()) {
                notStarted = true;
                moment(t, "NOT_STARTED", "steady state does not hold before the fault: " + String.join("; ", failing));
                return false;
            }
            moment(t, "STEADY_STATE", "steady state holds: " + describe(steadyState));
            for (Fault f : injection.faults()) {
                fleet.inject(f);
                active.add(f);
            }
            injectedAt = t;
            scheduledEnd = t.plus(experiment.duration());
            moment(
                    t,
                    "INJECTED",
                    experiment.kind().key() + " (" + describe(experiment.fault()) + ") on "
                            + experiment.blastRadius().scope() + " " + String.join(", ", injection.instances())
                            + " for " + Durations.text(experiment.duration()));
            return true;
        }

        /** A fault gone without us: ARF's action (a restart, a rollback) took it out. */
        void noticeRemoval(Duration now) {
            List<Fault> stillThere = fleet.activeFaults();
            for (Fault f : List.copyOf(active)) {
                if (!stillThere.contains(f)) {
                    active.remove(f);
                    String by = actions.stream()
                            .filter(a ->
                                    a.executed() && a.mutates() && a.target().equals(f.service()))
                            .reduce((a, b) -> b)
                            .map(a -> a.action() + " on " + a.target())
                            .orElse("an action");
                    removedBy = removedBy == null ? by : removedBy;
                    moment(now, "FAULT_REMOVED", f.kind() + " on " + f.service() + " removed by ARF's " + by);
                }
            }
        }

        void judgeSafety(Duration now, List<TelemetryEvent> batch) {
            if (active.isEmpty()) {
                failingSince.clear();
                return;
            }
            for (HealthCheck check : experiment.safety()) {
                List<String> failing = failing(List.of(check), batch);
                if (failing.isEmpty()) {
                    failingSince.remove(check);
                    continue;
                }
                Duration since = failingSince.computeIfAbsent(check, c -> now);
                if (now.minus(since).compareTo(check.sustained()) >= 0) {
                    abortedBy = check.describe() + ": " + failing.get(0);
                    moment(now, "SAFETY_CHECK_FAILED", abortedBy);
                    active.forEach(fleet::clear);
                    active.clear();
                    moment(
                            now,
                            "ABORTED",
                            "experiment aborted: fault removed, "
                                    + fleet.activeFaults().size() + " simulator faults left");
                    return;
                }
            }
        }

        void judgeSteadyState(Duration now, List<TelemetryEvent> batch) {
            for (TelemetryEvent e : batch) {
                for (HealthCheck check : steadyState) {
                    if (check.covers(e.service(), injection.services()) && !check.holds(e)) {
                        degraded.add(e.service());
                    }
                }
            }
            List<String> failing = failing(steadyState, batch);
            if (!failing.isEmpty()) {
                if (!broken || healthySince != null) {
                    moment(now, "STEADY_STATE_BROKEN", String.join("; ", failing));
                }
                if (!broken) {
                    brokenAt = now;
                }
                broken = true;
                healthySince = null;
            } else if (broken && healthySince == null) {
                healthySince = now;
                moment(now, "STEADY_STATE_HOLDS", "steady state holds again: " + describe(steadyState));
            }
        }

        /** What fails of {@code checks} on this batch, as {@code checkout: error_rate 7.3% (< 2.0%)}. */
        List<String> failing(List<HealthCheck> checks, List<TelemetryEvent> batch) {
            List<String> out = new ArrayList<>();
            Set<String> radius = injection == null ? Set.of() : injection.services();
            for (HealthCheck check : checks) {
                for (TelemetryEvent e : batch) {
                    if (check.covers(e.service(), radius) && !check.holds(e)) {
                        out.add(e.service() + ": " + check.metric().key() + " "
                                + check.metric().format(e.value(check.metric())) + " ("
                                + (check.below() ? "< " : "> ") + check.metric().format(check.threshold()) + ")");
                    }
                }
            }
            return out;
        }

        void drainAudit() {
            for (AuditRecord record : audit.drain()) {
                AuditEntry e = record.entry();
                Duration at = Duration.between(START, e.at());
                Map<String, String> d = e.details();
                switch (e.event()) {
                    case AuditEvents.RUNTIME_EMIT -> signals.put(d.get("incident"), d.getOrDefault("signals", ""));
                    case AuditEvents.INCIDENT_OPENED -> opened(at, e.subject(), d.get("incident"));
                    case AuditEvents.INCIDENT_RESOLVED -> {
                        resolved++;
                        moment(at, "INCIDENT_RESOLVED", e.subject() + ": incident " + d.get("incident") + " resolved");
                    }
                    case AuditEvents.ORCH_EXEC, AuditEvents.ORCH_FAILED -> {
                        String status = e.event().equals(AuditEvents.ORCH_FAILED)
                                ? "FAILED"
                                : "SUCCEEDED".equals(d.get("status")) ? "EXECUTED" : d.getOrDefault("status", "");
                        action(at, e, status, status.equals("EXECUTED") ? "EXECUTED" : status, d.get("detail"));
                    }
                    case AuditEvents.ORCH_REFUSE -> action(at, e, "REFUSED", d.get("reason_code"), d.get("reason"));
                    case AuditEvents.VERIFICATION_FAILED ->
                        moment(
                                at,
                                "VERIFICATION_FAILED",
                                d.get("action") + " on " + e.subject() + ": " + d.get("checks") + " → "
                                        + d.get("next"));
                    case AuditEvents.VERIFICATION_PASSED ->
                        moment(at, "VERIFIED", d.get("action") + " on " + e.subject() + ": " + d.get("checks"));
                    case AuditEvents.ROLLBACK_TRIGGERED -> {
                        String key = d.get("idempotency_key");
                        for (int i = 0; i < actions.size(); i++) {
                            if (actions.get(i).idempotencyKey().equals(key)) {
                                actions.set(i, actions.get(i).markRolledBack());
                            }
                        }
                        moment(at, "ROLLED_BACK", d.get("action") + " on " + e.subject() + " rolled back");
                    }
                    default -> {}
                }
            }
        }

        void opened(Duration at, String service, String id) {
            incidents.add(new Opened(
                    at,
                    service,
                    id,
                    engine.incident(id).map(Incident::cause).orElse("unknown"),
                    signals.getOrDefault(id, "")));
        }

        void action(Duration at, AuditEntry e, String status, String code, String detail) {
            Map<String, String> d = e.details();
            String type = d.getOrDefault("action", "");
            boolean mutates =
                    HealingAction.byKey(type).map(HealingAction::mutates).orElse(true);
            String key = d.getOrDefault("idempotency_key", "");
            boolean revert = key.startsWith("revert|");
            ActionRecord record = new ActionRecord(
                    at,
                    key,
                    type,
                    e.subject(),
                    e.actor(),
                    status,
                    code == null ? status : code,
                    detail == null ? "" : detail,
                    mutates,
                    revert,
                    Optional.empty(),
                    false);
            actions.add(record);
            String what = type + " on " + e.subject() + " (" + e.actor() + ")";
            switch (status) {
                case "EXECUTED" -> moment(at, revert ? "ROLLBACK_EXECUTED" : "ACTION_EXECUTED", what + ": " + detail);
                case "REFUSED" -> moment(at, "ACTION_REFUSED", what + " refused: " + code);
                default -> moment(at, "ACTION_" + status, what + ": " + detail);
            }
        }

        ExperimentResult result(Duration length) {
            Set<String> impacted = new java.util.LinkedHashSet<>();
            if (injection != null) {
                for (String service : fleet.services()) {
                    if (injection.services().contains(service) || degraded.contains(service)) {
                        impacted.add(service);
                    }
                }
            }
            Duration detectedAt = null;
            List<String> falsePositives = new ArrayList<>();
            for (Opened o : incidents) {
                boolean afterFault = injectedAt != null && o.at().compareTo(injectedAt) >= 0;
                if (!afterFault || !impacted.contains(o.service())) {
                    falsePositives.add(o.service() + " at " + Durations.offset(o.at()));
                    moment(
                            o.at(),
                            "FALSE_POSITIVE",
                            o.service() + ": incident " + o.id() + " opened "
                                    + (afterFault
                                            ? "outside the blast radius on a service that kept the steady state"
                                            : "before any fault")
                                    + (o.signals().isEmpty() ? "" : "; signals: " + o.signals()));
                } else if (detectedAt == null) {
                    detectedAt = o.at();
                    moment(
                            o.at(),
                            "DETECTED",
                            o.service() + ": incident " + o.id() + " opened (MTTD "
                                    + Durations.text(o.at().minus(injectedAt)) + "), cause so far: " + o.cause());
                } else {
                    moment(
                            o.at(),
                            "INCIDENT_OPENED",
                            o.service() + ": incident " + o.id() + ", cause so far: " + o.cause());
                }
            }
            List<ActionRecord> assessed = new ArrayList<>();
            for (ActionRecord a : actions) {
                assessed.add(
                        a.executed() && a.mutates()
                                ? assess(a).map(a::withHealth).orElse(a)
                                : a);
            }
            Duration recovered = null;
            Duration end = Duration.between(START, fleet.now());
            if (broken && healthySince != null && end.minus(healthySince).compareTo(RECOVERY_HOLD) >= 0) {
                recovered = healthySince;
                moment(
                        recovered,
                        "RECOVERED",
                        "steady state held from here to the end (MTTR " + Durations.text(recovered.minus(injectedAt))
                                + ")");
            }
            Outcome outcome;
            if (notStarted) {
                outcome = Outcome.NOT_STARTED;
            } else if (abortedBy != null) {
                outcome = Outcome.ABORTED;
            } else if (!broken) {
                outcome = Outcome.TOLERATED;
            } else if (recovered == null) {
                outcome = Outcome.NOT_RECOVERED;
            } else if (recovered.compareTo(scheduledEnd) <= 0) {
                Duration by = recovered;
                boolean acted = assessed.stream()
                        .anyMatch(a -> a.executed()
                                && a.mutates()
                                && a.offset().compareTo(injectedAt) >= 0
                                && a.offset().compareTo(by) <= 0);
                outcome = acted ? Outcome.HEALED : Outcome.RECOVERED_WITHOUT_ARF;
            } else {
                outcome = Outcome.RECOVERED_AFTER_FAULT_ENDED;
            }
            for (ActionRecord a : assessed) {
                if (a.harmful()) {
                    moment(
                            a.offset(),
                            "HARMFUL_ACTION",
                            a.action() + " on " + a.target() + " made it worse ("
                                    + a.health().get().describe() + ")"
                                    + (a.rolledBack() ? ", rolled back" : ", NOT rolled back"));
                }
            }
            timeline.sort(java.util.Comparator.comparing(Moment::offset).thenComparingInt(m -> rank(m.type())));
            Duration recoveredAt = recovered;
            return new ExperimentResult(
                    experiment.name(),
                    experiment.kind(),
                    experiment.blastRadius().scope(),
                    seed,
                    injection == null ? List.of() : List.copyOf(injection.services()),
                    List.copyOf(impacted),
                    List.copyOf(degraded),
                    injection == null ? List.of() : injection.instances(),
                    injectedAt == null ? experiment.warmUp() : injectedAt,
                    scheduledEnd == null ? experiment.warmUp().plus(experiment.duration()) : scheduledEnd,
                    length,
                    outcome,
                    Optional.ofNullable(detectedAt).map(d -> d.minus(injectedAt)),
                    Optional.ofNullable(recoveredAt).map(r -> r.minus(injectedAt)),
                    Optional.ofNullable(abortedBy),
                    Optional.ofNullable(removedBy),
                    assessed,
                    incidents.size(),
                    resolved,
                    falsePositives,
                    fleet.activeFaults().stream()
                            .map(f -> f.kind() + " on " + f.service())
                            .toList(),
                    timeline);
        }

        /** The target's health before and after the action, when the run lasted long enough to tell. */
        Optional<HealthChange> assess(ActionRecord a) {
            List<TelemetryEvent> events = history.getOrDefault(a.target(), List.of());
            Instant at = START.plus(a.offset());
            Instant from = at.minus(HealthChange.BEFORE);
            if (injectedAt != null && a.offset().compareTo(injectedAt) > 0 && from.isBefore(START.plus(injectedAt))) {
                // the fault's onset is not the action's doing: judge from the first sample with the fault in
                from = START.plus(injectedAt);
            }
            List<TelemetryEvent> before = between(events, from, at, true);
            List<TelemetryEvent> after =
                    between(events, at.plus(HealthChange.AFTER_FROM), at.plus(HealthChange.AFTER_TO), true);
            if (before.isEmpty() || after.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new HealthChange(
                    mean(before, Metric.ERROR_RATE),
                    mean(after, Metric.ERROR_RATE),
                    mean(before, Metric.LATENCY_P99),
                    mean(after, Metric.LATENCY_P99)));
        }

        void moment(Duration at, String type, String text) {
            timeline.add(new Moment(at, type, text));
        }
    }

    private static List<TelemetryEvent> between(
            List<TelemetryEvent> events, Instant from, Instant to, boolean inclusive) {
        return events.stream()
                .filter(e -> e.timestamp().isAfter(from)
                        && (inclusive
                                ? !e.timestamp().isAfter(to)
                                : e.timestamp().isBefore(to)))
                .toList();
    }

    private static double mean(List<TelemetryEvent> events, Metric metric) {
        return events.stream().mapToDouble(e -> e.value(metric)).average().orElse(Double.NaN);
    }

    static String describe(List<HealthCheck> checks) {
        return String.join(", ", checks.stream().map(HealthCheck::describe).toList());
    }

    static String describe(FaultSpec spec) {
        return switch (spec) {
            case FaultSpec.LatencyInjection l -> "+" + l.latency().toMillis() + "ms";
            case FaultSpec.ErrorInjection e -> String.format(Locale.ROOT, "%.0f%% errors", e.errorRate() * 100);
            case FaultSpec.ResourceExhaustion r ->
                String.format(
                        Locale.ROOT,
                        "%.0f%% of %s",
                        r.amount() * 100,
                        r.resource().name().toLowerCase(Locale.ROOT));
            case FaultSpec.InstanceKill k -> "killed";
            case FaultSpec.NetworkPartition p -> "unreachable";
            case FaultSpec.DependencyFailure d -> "failing";
        };
    }

    /**
     * The order of moments at the same instant, as a step runs: the fault goes in (or out) before the
     * tick, incidents open as the engine reads the tick, actions follow, and the checks are judged last.
     */
    private static int rank(String type) {
        return switch (type) {
            case "STEADY_STATE", "NOT_STARTED", "INJECTED", "FAULT_ENDED" -> 0;
            case "FAULT_REMOVED" -> 1;
            case "DETECTED", "INCIDENT_OPENED", "FALSE_POSITIVE" -> 2;
            case "STEADY_STATE_BROKEN", "STEADY_STATE_HOLDS", "SAFETY_CHECK_FAILED", "ABORTED", "RECOVERED" -> 4;
            default -> 3;
        };
    }

    /** An incident ARF opened during a run. */
    private record Opened(Duration at, String service, String id, String cause, String signals) {}

    /** Passes every entry on, and keeps them for the run to read. */
    static final class Watch implements AuditLog {
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
