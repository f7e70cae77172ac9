package dev.arf.cli;

import dev.arf.config.BlueprintLoader;
import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.approval.ApprovalState;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditEvents;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.HealingStep;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.Actuator;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.Permit;
import dev.arf.core.governance.StoredGuardianMemory;
import dev.arf.core.governance.StoredKillSwitch;
import dev.arf.core.governance.StoredMaintenanceCalendar;
import dev.arf.core.policy.DefaultPolicies;
import dev.arf.core.scenario.ScenarioRunner;
import dev.arf.core.sim.Scenario;
import dev.arf.core.sim.ScenarioCatalog;
import dev.arf.core.sim.ScenarioRun;
import dev.arf.core.sim.ServiceSpec;
import dev.arf.core.sim.SimulatorActuator;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One life of a governed ARF process for {@link CrashRecoveryE2E}: runs the simulator's scenarios
 * one after another, forever, through an engine wired as {@code arf demo --blueprints} wires it (the
 * store's audit chain, an approval book over the store, the Guardian with the stored kill switch,
 * memory and maintenance calendar, the built-in policies), until it is killed.
 *
 * <p>Its actuator first appends the action's idempotency key and the sequence number of its {@code
 * ORCH_INTENT} record to a journal and forces the journal to disk, then hands the action to the
 * simulator: the journal is the ground truth of what was carried out, whatever the store lost.
 *
 * <p>It prints {@code APPROVAL <id>} for each approval request the engine waits on in this life, and
 * {@code READY} once, when this life has executed an action, one of those requests is pending in the
 * store, and every request that was pending when this life began has been waited on again. The next
 * action after that stalls in the actuator after the simulator changed its target, as a real call
 * that has done its work but not yet returned: the harness prints {@code IN_FLIGHT <key>} and waits
 * there to be killed. It exits when its standard input closes (the test that started it is gone).
 *
 * <p>Arguments: data directory, journal file, blueprint directory, life (1, 2, …), and {@code
 * written} or {@code delayed} ({@link Stores.EmbeddedCommits}).
 *
 * <p>Differences from the demo, each so that the lives can be compared: life {@code n} starts its
 * virtual clock {@code (n - 1) × 30} days after the demo's start, as a restarted process's clock
 * would have moved on (the demo starts every run at the same instant); scenarios run back to back on
 * one virtual timeline; and approval requests expire after 365 days instead of one hour, so that the
 * request the first life opened is still open when the second proposes the same action (virtual
 * time runs thousands of times faster than the test's wall clock).
 */
final class CrashHarness {
    private static final Duration LIFE_SPACING = Duration.ofDays(30);
    private static final Duration APPROVAL_EXPIRY = Duration.ofDays(365);
    private static final Duration BETWEEN_SCENARIOS = Duration.ofMinutes(30);
    private static final long SEED = 42;
    private static final Pattern AWAITING = Pattern.compile("awaiting approval (APR-[0-9A-Z]+)");

    private final JdbcReliabilityStore store;
    private final IntentRecordingAudit audit;
    private final Journal journal;
    private final BlueprintCatalog catalog;
    private final PrintStream out;
    private final Set<String> approvalsThisLife = new LinkedHashSet<>();
    private final Set<String> pendingAtStart;
    private boolean executedThisLife;
    private boolean ready;

    private CrashHarness(JdbcReliabilityStore store, Journal journal, BlueprintCatalog catalog, PrintStream out) {
        this.store = store;
        this.audit = new IntentRecordingAudit(store.audit());
        this.journal = journal;
        this.catalog = catalog;
        this.out = out;
        this.pendingAtStart = store.approvals(true, 10_000).stream()
                .filter(r -> r.state() == ApprovalState.PENDING)
                .map(ApprovalRequest::id)
                .collect(Collectors.toSet());
    }

    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(args[0]);
        Path journalFile = Path.of(args[1]);
        Path blueprints = Path.of(args[2]);
        int life = Integer.parseInt(args[3]);
        Stores.EmbeddedCommits commits = Stores.EmbeddedCommits.valueOf(args[4].toUpperCase(Locale.ROOT));
        exitWhenStdinCloses();
        BlueprintCatalog catalog = BlueprintCatalog.of(new BlueprintLoader().loadDirectory(blueprints));
        try (JdbcReliabilityStore store = Stores.embedded(dataDir, Stores.DEFAULT_TELEMETRY_BATCH_SIZE, commits);
                Journal journal = new Journal(journalFile)) {
            CrashHarness harness = new CrashHarness(store, journal, catalog, System.out);
            Instant start = ScenarioRunner.DEFAULT_START.plus(LIFE_SPACING.multipliedBy(life - 1L));
            Instant end = start.plus(LIFE_SPACING);
            List<Scenario> scenarios = ScenarioCatalog.all();
            // The first life starts with the database meltdown; later ones start one scenario earlier
            // in the catalog (the CPU saturation), so they act elsewhere before they meet the database.
            for (int round = (life - 1) * (scenarios.size() - 1); start.isBefore(end); round++) {
                start = harness.live(scenarios.get(round % scenarios.size()), start)
                        .plus(BETWEEN_SCENARIOS);
            }
            System.out.println("EXHAUSTED: ran " + LIFE_SPACING + " of virtual time without being killed");
        }
    }

    /** Runs one scenario from {@code start}; returns the virtual instant it ended at. */
    private Instant live(Scenario scenario, Instant start) {
        VirtualClock clock = new VirtualClock(start);
        ScenarioRun run = scenario.start(start, SEED);
        ApprovalBook approvals = new ApprovalBook(store, audit, clock, APPROVAL_EXPIRY);
        try (ReliabilityEngine engine = ReliabilityEngine.builder()
                .policies(DefaultPolicies.all())
                .audit(audit)
                .approvals(approvals)
                .blueprints(catalog)
                .gate(Guardian.builder(clock, catalog)
                        .settings(GovernanceSettings.defaults())
                        .killSwitch(new StoredKillSwitch(store))
                        .approvals(approvals)
                        .memory(new StoredGuardianMemory(store))
                        .maintenance(new StoredMaintenanceCalendar(store))
                        .build())
                .clock(clock)
                .dependencies(dependencies(scenario))
                .store(store)
                .actuator(new JournalingActuator(new SimulatorActuator(run.fleet()), journal, audit, this::stall))
                .build()) {
            while (!run.finished()) {
                List<TelemetryEvent> batch = run.step();
                clock.setTo(run.fleet().now());
                for (TelemetryEvent event : batch) {
                    observe(engine.process(event));
                }
            }
        }
        return clock.instant();
    }

    private void observe(AnalysisResult result) {
        for (HealingStep step : result.healingActions()) {
            if (step.status() == HealingStep.Status.EXECUTED) {
                executedThisLife = true;
            }
            Matcher awaiting = AWAITING.matcher(step.detail());
            if (step.status() == HealingStep.Status.REFUSED && awaiting.find()) {
                String id = awaiting.group(1);
                if (approvalsThisLife.add(id)) {
                    out.println("APPROVAL " + id);
                }
            }
        }
        if (!ready
                && executedThisLife
                && approvalsThisLife.stream().anyMatch(this::pending)
                && approvalsThisLife.containsAll(pendingAtStart)) {
            ready = true;
            out.println("READY");
        }
        out.flush();
    }

    /** After READY, the next action never returns from the actuator: the kill finds it in flight. */
    private void stall(Action action) {
        if (!ready) {
            return;
        }
        out.println("IN_FLIGHT " + action.idempotencyKey());
        out.flush();
        while (true) {
            LockSupport.park(this);
        }
    }

    private boolean pending(String approvalId) {
        return store.approval(approvalId)
                .filter(r -> r.state() == ApprovalState.PENDING)
                .isPresent();
    }

    private static Map<String, List<String>> dependencies(Scenario scenario) {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (ServiceSpec spec : scenario.fleet()) {
            graph.put(spec.name(), spec.dependencies());
        }
        return graph;
    }

    /** Orphaned harnesses must not run on: the test holds our standard input open while it lives. */
    private static void exitWhenStdinCloses() {
        Thread watcher = new Thread(
                () -> {
                    try {
                        while (System.in.read() != -1) {
                            // keep reading until the parent closes the pipe
                        }
                    } catch (IOException e) {
                        // the pipe broke: the parent is gone
                    }
                    Runtime.getRuntime().halt(3);
                },
                "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * The store's audit log, unchanged, remembering the sequence number the log gave each action's
     * {@code ORCH_INTENT} record, so the journal can name it.
     */
    static final class IntentRecordingAudit implements AuditLog {
        private final AuditLog log;
        private final Map<String, Long> intents = new ConcurrentHashMap<>();

        IntentRecordingAudit(AuditLog log) {
            this.log = log;
        }

        @Override
        public AuditRecord append(AuditEntry entry) {
            AuditRecord record = log.append(entry);
            if (entry.event().equals(AuditEvents.ORCH_INTENT)) {
                intents.put(entry.details().get("idempotency_key"), record.sequence());
            }
            return record;
        }

        @Override
        public List<AuditRecord> read(long fromSequence, int limit) {
            return log.read(fromSequence, limit);
        }

        @Override
        public long size() {
            return log.size();
        }

        /** The intent's sequence number, or 0 when this log wrote no intent for the key. */
        long intentOf(String idempotencyKey) {
            return intents.getOrDefault(idempotencyKey, 0L);
        }
    }

    /**
     * Journals each action it is handed, durably, before the simulator carries it out; then lets the
     * harness hold the call before it returns.
     */
    static final class JournalingActuator implements Actuator {
        private final SimulatorActuator simulator;
        private final Journal journal;
        private final IntentRecordingAudit audit;
        private final Consumer<Action> beforeReturning;

        JournalingActuator(
                SimulatorActuator simulator,
                Journal journal,
                IntentRecordingAudit audit,
                Consumer<Action> beforeReturning) {
            this.simulator = simulator;
            this.journal = journal;
            this.audit = audit;
            this.beforeReturning = beforeReturning;
        }

        @Override
        public boolean handles(Action action) {
            return simulator.handles(action);
        }

        @Override
        public ActionOutcome execute(Permit permit) {
            Action action = permit.action();
            journal.append(action.idempotencyKey() + "\t" + audit.intentOf(action.idempotencyKey()));
            ActionOutcome outcome = simulator.execute(permit);
            beforeReturning.accept(action);
            return outcome;
        }

        @Override
        public Optional<TargetSnapshot> snapshot(String target) {
            return simulator.snapshot(target);
        }
    }

    /** An append-only text file whose every line is on disk before {@link #append} returns. */
    static final class Journal implements AutoCloseable {
        private final FileChannel channel;

        Journal(Path file) throws IOException {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        synchronized void append(String line) {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot journal " + line, e);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
