package dev.arf.core.agent;

import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.decide.CapacityArbiter;
import dev.arf.core.decide.DecisionEngine;
import dev.arf.core.decide.ResourceDecision;
import dev.arf.core.decide.ScalingDecision;
import dev.arf.core.decide.ServiceLoad;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.BlueprintSource;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The continuous runtime of seed 003: sense → validate → decide → enforce → act → observe → explain,
 * one {@link #iterate() iteration} at a time, for every service with a blueprint.
 *
 * <ul>
 *   <li>sense: the engine's newest observation of each service and its current replicas;
 *   <li>validate: skip services without telemetry newer than {@code staleAfter}, or with unknown replicas;
 *   <li>decide: the {@link DecisionEngine} per service, independently;
 *   <li>enforce: {@link CapacityArbiter} when services compete for the shared capacity;
 *   <li>act: each scaling action through {@link ReliabilityEngine#propose} — the same Guardian, audit and
 *       verification as every other action;
 *   <li>observe results and explain: decisions with their outcomes into a bounded memory and the audit
 *       trail.
 * </ul>
 *
 * An iteration that throws leaves the agent {@link AgentState#BLOCKED} until {@link #resume}; its id,
 * iteration count, heartbeat and block are kept in the store and restored at start. {@link #close}
 * stops scheduling and waits for the iteration in progress to finish.
 */
public final class ReliabilityAgent implements AutoCloseable {
    public static final String SETTING = "agent_state";
    public static final String AUDIT_DECISION = "AGENT_DECISION";
    public static final String AUDIT_CONFLICT = "AGENT_CONFLICT";
    public static final String AUDIT_AMENDED = "BLUEPRINT_AMENDED";

    private final String agentId;
    private final Clock clock;
    private final ReliabilityEngine engine;
    private final BlueprintSource blueprints;
    private final Function<String, OptionalInt> replicas;
    private final DecisionEngine decisions;
    private final AuditLog audit;
    private final ReliabilityStore store;
    private final int capacity;
    private final Duration staleAfter;
    private final int memorySize;
    private final BlueprintAmendments amendments;
    private final Function<String, OptionalLong> memoryRequests;
    private final Deque<AgentDecision> recent = new ArrayDeque<>();
    private volatile AgentState state = AgentState.IDLE;
    private long iterations;
    private Instant lastHeartbeat;
    private String blockedReason;
    private List<String> awaitingVerification = List.of();
    private ScheduledFuture<?> schedule;
    private volatile boolean closing;

    private ReliabilityAgent(Builder b) {
        this.clock = b.engine.clock();
        this.engine = b.engine;
        this.blueprints = b.blueprints;
        this.replicas = b.replicas;
        this.decisions = b.decisions;
        this.audit = b.audit;
        this.store = b.store;
        this.capacity = b.capacity;
        this.staleAfter = b.staleAfter;
        this.memorySize = b.memorySize;
        this.amendments = b.amendments;
        this.memoryRequests = b.memoryRequests;
        String id = b.agentId;
        Optional<String> saved = store.setting(SETTING);
        if (saved.isPresent()) {
            Map<String, String> fields = parse(saved.get());
            id = fields.getOrDefault("id", id);
            iterations = Long.parseLong(fields.getOrDefault("iterations", "0"));
            String beat = fields.get("heartbeat");
            lastHeartbeat = beat == null || beat.isEmpty() ? null : Instant.parse(beat);
            String blocked = fields.get("blocked");
            if (blocked != null && !blocked.isEmpty()) {
                blockedReason = blocked;
                state = AgentState.BLOCKED;
            }
        }
        this.agentId = id;
    }

    public static Builder builder(
            ReliabilityEngine engine, BlueprintSource blueprints, Function<String, OptionalInt> replicas) {
        return new Builder(engine, blueprints, replicas);
    }

    /** Runs one iteration now (tests and replays drive it on the virtual clock); a blocked agent does nothing. */
    public synchronized List<AgentDecision> iterate() {
        if (state == AgentState.BLOCKED) {
            return List.of();
        }
        long iteration = ++iterations;
        try {
            state = AgentState.OBSERVING;
            BlueprintCatalog catalog = blueprints.current();
            Instant now = clock.instant();
            state = AgentState.VALIDATING;
            List<ScalingDecision> wanted = new ArrayList<>();
            Map<String, Priority> priorities = new HashMap<>();
            for (ServiceBlueprint blueprint : catalog.services().values()) {
                String service = blueprint.metadata().name();
                Optional<TelemetryEvent> latest = engine.latest(service);
                OptionalInt current = replicas.apply(service);
                if (latest.isEmpty()
                        || current.isEmpty()
                        || Double.isNaN(latest.get().cpuUtil())
                        || Duration.between(latest.get().timestamp(), now).compareTo(staleAfter) > 0) {
                    continue;
                }
                priorities.put(service, blueprint.metadata().priority());
                TelemetryEvent e = latest.get();
                state = AgentState.DECIDING;
                wanted.add(decisions.decide(
                        blueprint,
                        new ServiceLoad(
                                service, current.getAsInt(), e.cpuUtil(), e.memoryUtil(), e.latencyP95(), now)));
            }
            state = AgentState.ENFORCING;
            CapacityArbiter.Resolution resolution = capacity == Integer.MAX_VALUE
                    ? new CapacityArbiter.Resolution(wanted, List.of())
                    : CapacityArbiter.resolve(wanted, capacity, priorities);
            for (CapacityArbiter.Conflict c : resolution.conflicts()) {
                audit.append(new AuditEntry(
                        now,
                        AUDIT_CONFLICT,
                        String.join(",", c.services()),
                        "agent:" + agentId,
                        Map.of(
                                "capacity", Integer.toString(c.capacity()),
                                "needed", Integer.toString(c.needed()),
                                "resolution", c.resolution())));
            }
            state = AgentState.ACTING;
            List<AgentDecision> taken = new ArrayList<>();
            for (ScalingDecision d : resolution.decisions()) {
                Optional<ActionOutcome> done = d.action(0.9).map(engine::propose);
                done.filter(ActionOutcome::applied).ifPresent(o -> amendIfBeyondLimits(catalog, d, now));
                Optional<ResourceDecision> resources = d.verdict() == ScalingDecision.Verdict.HOLD
                        ? resourcesFor(catalog, d.service(), now)
                        : Optional.empty();
                String resourceOutcome = resources
                        .map(r -> describe(engine.propose(r.action(0.9))))
                        .orElse("");
                taken.add(new AgentDecision(
                        iteration,
                        now,
                        d,
                        done.map(ReliabilityAgent::describe).orElse("hold"),
                        resources,
                        resourceOutcome));
            }
            state = AgentState.OBSERVING_RESULTS;
            awaitingVerification = engine.pendingVerifications().stream()
                    .map(p -> p.action().target())
                    .sorted()
                    .toList();
            state = AgentState.EXPLAINING;
            for (AgentDecision t : taken) {
                audit.append(new AuditEntry(
                        now,
                        AUDIT_DECISION,
                        t.decision().service(),
                        "agent:" + agentId,
                        Map.of(
                                "verdict", t.decision().verdict().name().toLowerCase(java.util.Locale.ROOT),
                                "from", Integer.toString(t.decision().from()),
                                "to", Integer.toString(t.decision().to()),
                                "rationale", t.decision().rationale(),
                                "outcome", t.outcome(),
                                "resources",
                                        t.resources()
                                                .map(r -> r.rationale() + " → " + t.resourceOutcome())
                                                .orElse(""))));
                recent.addLast(t);
                while (recent.size() > memorySize) {
                    recent.removeFirst();
                }
            }
            lastHeartbeat = now;
            state = AgentState.IDLE;
            persist();
            return taken;
        } catch (RuntimeException e) {
            blockedReason = "iteration " + iteration + " failed in " + state.key() + ": " + e;
            state = AgentState.BLOCKED;
            try {
                persist();
            } catch (RuntimeException ignored) {
                // Blocked in memory already; the store is what failed.
            }
            return List.of();
        }
    }

    /** A memory request decision, when the agent can read the service's current request. */
    private Optional<ResourceDecision> resourcesFor(BlueprintCatalog catalog, String service, Instant now) {
        OptionalLong request = memoryRequests.apply(service);
        Optional<TelemetryEvent> latest = engine.latest(service);
        Optional<ServiceBlueprint> blueprint = catalog.blueprint(service);
        if (request.isEmpty() || latest.isEmpty() || blueprint.isEmpty()) {
            return Optional.empty();
        }
        TelemetryEvent e = latest.get();
        return decisions.decideMemory(
                blueprint.get(),
                new ServiceLoad(service, 0, e.cpuUtil(), e.memoryUtil(), e.latencyP95(), now),
                request.getAsLong());
    }

    /**
     * Seed 002 use case 2: a scale past max_replicas that ran (the Guardian let it through, so a person
     * approved it or the blueprint allows it) becomes the blueprint's new maximum.
     */
    private void amendIfBeyondLimits(BlueprintCatalog catalog, ScalingDecision d, Instant now) {
        ServiceBlueprint blueprint = catalog.blueprint(d.service()).orElse(null);
        if (blueprint == null || d.to() <= blueprint.scaling().maxReplicas()) {
            return;
        }
        ServiceBlueprint amended = blueprint.withMaxReplicas(d.to());
        String by = "agent:" + agentId;
        audit.append(new AuditEntry(
                now,
                AUDIT_AMENDED,
                d.service(),
                by,
                Map.of(
                        "from_version",
                        blueprint.metadata().version(),
                        "version",
                        amended.metadata().version(),
                        "max_replicas",
                        blueprint.scaling().maxReplicas() + " -> " + d.to(),
                        "reason",
                        "scale beyond limits carried out")));
        amendments.amend(blueprint, amended, by, "approved scale beyond limits", now);
    }

    /** A person cleared whatever blocked the agent. */
    public synchronized void resume() {
        blockedReason = null;
        state = AgentState.IDLE;
        persist();
    }

    public synchronized AgentStatus status() {
        return new AgentStatus(
                agentId,
                state,
                iterations,
                Optional.ofNullable(lastHeartbeat),
                Optional.ofNullable(blockedReason),
                List.copyOf(recent),
                awaitingVerification);
    }

    /** Iterates every {@code period} on the executor until {@link #close}. */
    public synchronized void start(ScheduledExecutorService executor, Duration period) {
        if (schedule != null) {
            throw new IllegalStateException("agent " + agentId + " is already running");
        }
        schedule = executor.scheduleWithFixedDelay(
                () -> {
                    if (!closing) {
                        iterate();
                    }
                },
                0,
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops scheduling; an iteration in progress finishes first (it holds the agent's monitor). */
    @Override
    public void close() {
        closing = true;
        ScheduledFuture<?> s;
        synchronized (this) {
            s = schedule;
        }
        if (s != null) {
            s.cancel(false);
        }
        synchronized (this) {
            persist();
        }
    }

    private void persist() {
        String text = "id=" + agentId + "\niterations=" + iterations + "\nheartbeat="
                + (lastHeartbeat == null ? "" : lastHeartbeat.toString()) + "\nblocked="
                + (blockedReason == null ? "" : blockedReason.replace('\n', ' '));
        store.saveSetting(SETTING, text, lastHeartbeat == null ? Instant.EPOCH : lastHeartbeat);
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return fields;
    }

    private static String describe(ActionOutcome outcome) {
        return outcome.status().name() + ": " + outcome.detail();
    }

    /** What the agent needs; the engine, the blueprints and a way to read replicas are required. */
    public static final class Builder {
        private final ReliabilityEngine engine;
        private final BlueprintSource blueprints;
        private final Function<String, OptionalInt> replicas;
        private String agentId =
                "arf-agent-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        private DecisionEngine decisions = new DecisionEngine(dev.arf.core.decide.DecisionSettings.defaults());
        private AuditLog audit = new dev.arf.core.audit.InMemoryAuditLog();
        private ReliabilityStore store = ReliabilityStore.NONE;
        private int capacity = Integer.MAX_VALUE;
        private Duration staleAfter = Duration.ofMinutes(2);
        private int memorySize = 200;
        private BlueprintAmendments amendments = BlueprintAmendments.NONE;
        private Function<String, OptionalLong> memoryRequests = s -> OptionalLong.empty();

        private Builder(ReliabilityEngine engine, BlueprintSource blueprints, Function<String, OptionalInt> replicas) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.blueprints = Objects.requireNonNull(blueprints, "blueprints");
            this.replicas = Objects.requireNonNull(replicas, "replicas");
        }

        /** Used only on first start; a restored agent keeps the id it was given then. */
        public Builder agentId(String id) {
            this.agentId = Objects.requireNonNull(id, "id");
            return this;
        }

        public Builder decisions(DecisionEngine decisions) {
            this.decisions = Objects.requireNonNull(decisions, "decisions");
            return this;
        }

        public Builder audit(AuditLog audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        public Builder store(ReliabilityStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Replicas the shared pool can run; unlimited by default. */
        public Builder capacity(int replicas) {
            if (replicas < 1) {
                throw new IllegalArgumentException("capacity must be at least 1");
            }
            this.capacity = replicas;
            return this;
        }

        public Builder staleAfter(Duration staleAfter) {
            this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
            return this;
        }

        public Builder memorySize(int decisions) {
            this.memorySize = decisions;
            return this;
        }

        /** Where an approved scale beyond a blueprint's limits is put in force as its new version. */
        public Builder amendments(BlueprintAmendments amendments) {
            this.amendments = Objects.requireNonNull(amendments, "amendments");
            return this;
        }

        /**
         * How to read a service's memory request per replica (bytes); with it, the agent also adjusts
         * requests within the blueprint's bounds when replicas are held.
         */
        public Builder memoryRequests(Function<String, OptionalLong> memoryRequests) {
            this.memoryRequests = Objects.requireNonNull(memoryRequests, "memoryRequests");
            return this;
        }

        public ReliabilityAgent build() {
            return new ReliabilityAgent(this);
        }
    }
}
