package dev.arf.cli;

import dev.arf.config.BlueprintLoader;
import dev.arf.config.BlueprintWriter;
import dev.arf.config.GovernanceConfig;
import dev.arf.config.StoredGovernanceConfig;
import dev.arf.core.agent.BlueprintAmendments;
import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.StoredGuardianMemory;
import dev.arf.core.governance.StoredKillSwitch;
import dev.arf.core.governance.StoredMaintenanceCalendar;
import dev.arf.core.scenario.GovernedReport;
import dev.arf.core.scenario.GovernedScenario;
import dev.arf.core.scenario.GovernedScenarioCatalog;
import dev.arf.core.scenario.GovernedScenarioRunner;
import dev.arf.core.scenario.ScenarioListener;
import dev.arf.core.scenario.ScenarioReport;
import dev.arf.core.scenario.ScenarioRunner;
import dev.arf.core.sim.Scenario;
import dev.arf.core.sim.ScenarioCatalog;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.store.JdbcReliabilityStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        description = {
            "Run an incident scenario on the simulated fleet and tell the story as it happens: telemetry,"
                    + " detection, each agent's analysis, healing, its effect, resolution, MTTD and MTTR.",
            "Time is simulated: --speed 600 plays ten simulated minutes per second; --speed 0 runs flat out."
        },
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--list", description = "List the scenarios and exit.")
    boolean list;

    @Option(
            names = "--scenario",
            paramLabel = "NAME",
            defaultValue = "database-meltdown",
            description = "Scenario to run (default: ${DEFAULT-VALUE}); 'all' runs every scenario.")
    String scenario;

    @Option(
            names = "--speed",
            paramLabel = "X",
            defaultValue = "600",
            description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}; 0 = no pauses).")
    double speed;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Random seed of the simulation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the run's report and incidents as JSON instead of the story.")
    boolean json;

    @Option(names = "--no-store", description = "Keep nothing: run without the embedded database.")
    boolean noStore;

    @Mixin
    DataOptions data;

    @Mixin
    PolicyOptions policies;

    @Option(
            names = "--blueprints",
            paramLabel = "DIR",
            description = "Govern the demo with these blueprints: every action passes the Guardian (tiers,"
                    + " environment, cooldowns, budgets); services without a blueprint may not be touched.")
    Path blueprints;

    @Option(names = "--dry-run", description = "With --blueprints: check every action, execute none.")
    boolean dryRun;

    @Option(
            names = "--approve-as",
            paramLabel = "NAME",
            description = "With --blueprints: play an on-call approver who approves every pending request at each"
                    + " five-minute look at the fleet (the approval is used when the action is next proposed).")
    String approveAs;

    /** The scripted on-call approver of {@code --approve-as}. */
    private ScenarioListener approver(java.util.concurrent.atomic.AtomicReference<ApprovalBook> book, PrintWriter out) {
        return new ScenarioListener() {
            @Override
            public void pulse(java.time.Instant at, List<dev.arf.core.telemetry.TelemetryEvent> fleet) {
                ApprovalBook approvals = book.get();
                if (approvals == null) {
                    return;
                }
                for (dev.arf.core.approval.ApprovalRequest r : approvals.open()) {
                    if (r.state() == dev.arf.core.approval.ApprovalState.PENDING) {
                        approvals.approve(r.id(), approveAs, "approved in the demo");
                        if (out != null) {
                            out.printf(
                                    "%s  👤 %s approved %s: %s on %s%n",
                                    java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                                            .withZone(java.time.ZoneOffset.UTC)
                                            .format(at),
                                    approveAs,
                                    r.id(),
                                    r.action().type().key(),
                                    r.action().target());
                        }
                    }
                }
            }
        };
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (Scenario s : ScenarioCatalog.all()) {
                out.printf("%-24s %s%n%-24s   %s%n", s.name(), s.title(), "", s.description());
            }
            for (GovernedScenario s : GovernedScenarioCatalog.all()) {
                out.printf("%-24s %s%n%-24s   %s%n", s.name(), s.title(), "", s.description());
            }
            out.flush();
            return 0;
        }
        if (speed < 0 || Double.isNaN(speed)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--speed must be 0 or more, got " + speed);
        }
        List<Scenario> scenarios;
        List<GovernedScenario> governed = List.of();
        if ("all".equals(scenario)) {
            scenarios = ScenarioCatalog.all();
            governed = GovernedScenarioCatalog.all();
        } else if (GovernedScenarioCatalog.byName(scenario).isPresent()) {
            scenarios = List.of();
            governed = List.of(GovernedScenarioCatalog.byName(scenario).get());
        } else {
            scenarios = List.of(ScenarioCatalog.byName(scenario)
                    .orElseThrow(() -> new picocli.CommandLine.ParameterException(
                            spec.commandLine(),
                            "unknown scenario '" + scenario + "'; known: "
                                    + String.join(
                                            ", ",
                                            java.util.stream.Stream.concat(
                                                            ScenarioCatalog.all().stream()
                                                                    .map(Scenario::name),
                                                            GovernedScenarioCatalog.all().stream()
                                                                    .map(GovernedScenario::name))
                                                    .toList()))));
        }
        Map<String, Object> documents = new LinkedHashMap<>();
        boolean allGood = true;
        List<dev.arf.core.policy.HealingPolicy> policyList = policies.load();
        BlueprintCatalog catalog =
                blueprints == null ? null : BlueprintCatalog.of(new BlueprintLoader().loadDirectory(blueprints));
        try (ReliabilityStore store = noStore ? ReliabilityStore.NONE : data.open()) {
            dev.arf.core.audit.AuditLog audit = store instanceof JdbcReliabilityStore jdbc
                    ? jdbc.audit()
                    : new dev.arf.core.audit.InMemoryAuditLog();
            GovernanceConfig governance = new StoredGovernanceConfig(store).loadOrBuiltIn();
            java.util.concurrent.atomic.AtomicReference<ApprovalBook> book =
                    new java.util.concurrent.atomic.AtomicReference<>();
            ScenarioRunner runner = new ScenarioRunner(store, (engine, clock) -> {
                engine.policies(policyList).audit(audit);
                if (catalog == null) {
                    return engine;
                }
                ApprovalBook approvals = new ApprovalBook(
                        store instanceof JdbcReliabilityStore
                                ? store
                                : new dev.arf.core.approval.InMemoryApprovalStore(),
                        audit,
                        clock,
                        Duration.ofHours(1));
                book.set(approvals);
                return engine.approvals(approvals)
                        .blueprints(catalog)
                        .gate(governance
                                .dryRunIf(dryRun)
                                .configure(Guardian.builder(clock, catalog))
                                .killSwitch(new StoredKillSwitch(store))
                                .approvals(approvals)
                                .memory(new StoredGuardianMemory(store))
                                .maintenance(new StoredMaintenanceCalendar(store))
                                .build());
            });
            for (Scenario s : scenarios) {
                StoryTeller teller = json ? null : new StoryTeller(out, speed);
                ScenarioListener listener = teller != null ? teller : new ScenarioListener() {};
                if (approveAs != null) {
                    listener = ScenarioListener.both(listener, approver(book, teller != null ? out : null));
                }
                ScenarioReport report = runner.run(s, seed, listener);
                allGood &= report.detected();
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("report", report);
                    doc.put(
                            "incidents",
                            report.incidentIds().stream()
                                    .map(store::incident)
                                    .flatMap(java.util.Optional::stream)
                                    .toList());
                    documents.put(s.name(), doc);
                }
            }
            for (GovernedScenario g : governed) {
                GovernedReport report = new GovernedScenarioRunner(audit, amendments(store)).run(g);
                allGood &= report.asExpected();
                if (json) {
                    documents.put(g.name(), report);
                } else {
                    tell(out, report);
                }
            }
        }
        if (json) {
            out.println(Json.write(
                    documents.size() == 1 ? documents.values().iterator().next() : documents));
        }
        out.flush();
        return allGood ? 0 : 1;
    }

    /** Amended blueprints become new versions in the store's history (with the original first, if new). */
    private static BlueprintAmendments amendments(ReliabilityStore store) {
        if (!(store instanceof JdbcReliabilityStore jdbc)) {
            return BlueprintAmendments.NONE;
        }
        BlueprintWriter writer = new BlueprintWriter();
        return (before, after, by, note, at) -> {
            String name = after.metadata().name();
            if (jdbc.blueprints().latest(name).isEmpty()) {
                jdbc.blueprints().record(name, writer.write(before), "demo", "as the scenario started", at);
            }
            jdbc.blueprints().record(name, writer.write(after), by, note, at);
        };
    }

    /** A governed scenario's story with virtual timestamps, then its timings next to the seed's. */
    private static void tell(PrintWriter out, GovernedReport report) {
        out.println();
        out.println("━━ " + report.title());
        for (GovernedReport.Moment m : report.moments()) {
            long s = m.offset().toSeconds();
            out.printf("  +%02d:%02d  %s%n", s / 60, s % 60, m.text());
        }
        out.println("  replicas at the end: " + report.finalReplicas());
        report.blueprintVersions().forEach(v -> out.println("  blueprint amended: " + v));
        out.println("  measured (engine clock): " + report.verdict() + "   seed 002: " + report.seedTiming());
        out.println(report.asExpected() ? "  ✔ as seed 002 describes" : "  ✘ NOT as seed 002 describes");
    }
}
