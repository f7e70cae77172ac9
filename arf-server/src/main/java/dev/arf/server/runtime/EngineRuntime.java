package dev.arf.server.runtime;

import dev.arf.config.BlueprintDirectory;
import dev.arf.config.BlueprintLoader;
import dev.arf.config.GovernanceConfig;
import dev.arf.core.agent.ReliabilityAgent;
import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.execute.ActionGate;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.StoredGuardianMemory;
import dev.arf.core.governance.StoredKillSwitch;
import dev.arf.core.governance.StoredMaintenanceCalendar;
import dev.arf.core.policy.DefaultPolicies;
import dev.arf.core.policy.HealingPolicy;
import dev.arf.server.events.EventBus;
import dev.arf.server.events.PublishingAuditLog;
import dev.arf.store.JdbcReliabilityStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code arf serve} runs behind its HTTP API, wired in one place: the engine on the store (its
 * audit trail published on the {@link EventBus}), governance when there are blueprints (the
 * Guardian with the stored kill switch, memory, maintenance windows and approvals; otherwise the
 * ungoverned gate, kill switch included), the agent loop, and with a demo the simulated fleet
 * feeding the ingest on the scheduler. {@link #close} stops the fleet and the agent, then
 * checkpoints the engine; the store stays open for its owner to close.
 */
public final class EngineRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRuntime.class);

    private final JdbcReliabilityStore store;
    private final Clock clock;
    private final AuditLog audit;
    private final StoredBlueprints blueprints;
    private final BlueprintDirectory directory;
    private final ApprovalBook approvals;
    private final ReliabilityEngine engine;
    private final IngestService ingest;
    private final ReliabilityAgent agent;
    private final DemoFleet demo;
    private final GovernanceConfig governance;
    private final boolean governed;
    private final double demoSpeed;
    private final ScheduledExecutorService scheduler;
    private volatile boolean running;

    private EngineRuntime(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.governance = b.governance;
        this.audit = new PublishingAuditLog(store.audit(), b.bus);
        BlueprintLoader loader = new BlueprintLoader();
        this.blueprints = new StoredBlueprints(store.blueprints(), loader, clock);
        this.directory = b.blueprintDirectory == null
                ? null
                : BlueprintDirectory.open(b.blueprintDirectory, loader, store.blueprints(), clock);
        blueprints.refresh();
        this.governed = directory != null || !blueprints.current().services().isEmpty();
        this.approvals = new ApprovalBook(store, audit, clock, Duration.ofHours(1));
        this.demo = b.demo ? new DemoFleet(clock.instant(), b.demoSeed, b.demoStep, b.demoSpeed) : null;
        this.demoSpeed = b.demoSpeed;
        ReliabilityEngine.Builder engineBuilder = ReliabilityEngine.builder()
                .clock(clock)
                .store(new JournalledTelemetryStore(store))
                .policies(b.policies)
                .audit(audit)
                .approvals(approvals);
        if (demo != null) {
            engineBuilder.actuator(demo.actuator()).dependencies(demo.dependencies());
        }
        ActionGate gate;
        if (governed) {
            engineBuilder.blueprints(blueprints);
            gate = governance
                    .configure(Guardian.builder(clock, blueprints))
                    .killSwitch(new StoredKillSwitch(store))
                    .approvals(approvals)
                    .memory(new StoredGuardianMemory(store))
                    .maintenance(new StoredMaintenanceCalendar(store))
                    .build();
        } else {
            gate = Guardian.ungoverned(clock, new StoredKillSwitch(store));
        }
        this.engine = engineBuilder.gate(gate).build();
        this.ingest = new IngestService(engine, store.telemetryJournal(), clock);
        this.agent = ReliabilityAgent.builder(
                        engine, blueprints, service -> demo == null ? OptionalInt.empty() : demo.replicas(service))
                .audit(audit)
                .store(store)
                .build();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "arf-runtime");
            t.setDaemon(true);
            return t;
        });
        // At close, faults scheduled for later and periodic work are dropped, not waited for.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.scheduler = executor;
    }

    public static Builder builder(JdbcReliabilityStore store, EventBus bus) {
        return new Builder(store, bus);
    }

    /** Starts the agent loop, the blueprint directory's watcher and the demo fleet. */
    public synchronized EngineRuntime start() {
        if (directory != null) {
            directory.watch(new BlueprintDirectory.Listener() {
                @Override
                public void reloaded(BlueprintDirectory.Reloaded reload) {
                    blueprints.refresh();
                }

                @Override
                public void rejected(BlueprintDirectory.Rejected rejection) {
                    LOG.warn(
                            "blueprint directory change refused, the previous blueprints stay in force: {}",
                            rejection.problems());
                }
            });
        }
        agent.start(scheduler, Duration.ofSeconds(30));
        if (demo != null) {
            long period = Math.max(1, (long) (demo.step().toMillis() / demoSpeed));
            scheduler.scheduleAtFixedRate(this::tickDemo, 0, period, TimeUnit.MILLISECONDS);
        }
        running = true;
        return this;
    }

    private void tickDemo() {
        try {
            ingest.ingest(null, demo.tick());
        } catch (RuntimeException e) {
            LOG.warn("demo fleet tick failed: {}", e.toString());
        }
    }

    public boolean running() {
        return running;
    }

    public JdbcReliabilityStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    /** The audit trail, publishing on the bus. */
    public AuditLog audit() {
        return audit;
    }

    public ReliabilityEngine engine() {
        return engine;
    }

    public IngestService ingest() {
        return ingest;
    }

    public ApprovalBook approvals() {
        return approvals;
    }

    public StoredBlueprints blueprints() {
        return blueprints;
    }

    public ReliabilityAgent agent() {
        return agent;
    }

    public GovernanceConfig governance() {
        return governance;
    }

    /** Whether actions pass the Guardian (there are blueprints), not only the kill switch. */
    public boolean governed() {
        return governed;
    }

    public Optional<DemoFleet> demo() {
        return Optional.ofNullable(demo);
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Stops the demo fleet and the agent, waits for work in progress, checkpoints the engine. */
    @Override
    public synchronized void close() {
        running = false;
        scheduler.shutdown();
        agent.close();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (directory != null) {
            directory.close();
        }
        engine.close();
    }

    /** Wires a runtime; only the store and the bus are required. */
    public static final class Builder {
        private final JdbcReliabilityStore store;
        private final EventBus bus;
        private Clock clock = Clock.systemUTC();
        private List<HealingPolicy> policies = DefaultPolicies.all();
        private Path blueprintDirectory;
        private GovernanceConfig governance = GovernanceConfig.builtIn();
        private boolean demo;
        private long demoSeed = 42;
        private Duration demoStep = Duration.ofSeconds(15);
        private double demoSpeed = 1;

        private Builder(JdbcReliabilityStore store, EventBus bus) {
            this.store = Objects.requireNonNull(store, "store");
            this.bus = Objects.requireNonNull(bus, "bus");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder policies(List<HealingPolicy> policies) {
            this.policies = List.copyOf(policies);
            return this;
        }

        /** A blueprints directory, watched: each change is recorded in the store's history and put in force. */
        public Builder blueprintDirectory(Path directory) {
            this.blueprintDirectory = directory;
            return this;
        }

        public Builder governance(GovernanceConfig governance) {
            this.governance = Objects.requireNonNull(governance, "governance");
            return this;
        }

        /**
         * Runs the simulated fleet: one tick of {@code step} simulated time every {@code step / speed} of
         * wall time (speed 1: the fleet lives in real time; 60: an hour a minute).
         */
        public Builder demo(long seed, Duration step, double speed) {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("demo speed must be positive, got " + speed);
            }
            this.demo = true;
            this.demoSeed = seed;
            this.demoStep = Objects.requireNonNull(step, "step");
            this.demoSpeed = speed;
            return this;
        }

        /** Builds the runtime (engine, governance, agent); nothing runs until {@link EngineRuntime#start}. */
        public EngineRuntime build() {
            return new EngineRuntime(this);
        }
    }
}
