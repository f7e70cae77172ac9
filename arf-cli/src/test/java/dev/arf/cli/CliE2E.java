package dev.arf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The user journeys of the command line, run in-process against a real embedded store. */
class CliE2E {
    /** Seed 000's quickstart observation. */
    private static final String[] QUICKSTART_OBSERVATION = {
        "analyze",
        "--service",
        "api",
        "--latency",
        "450",
        "--error-rate",
        "0.22",
        "--throughput",
        "850",
        "--cpu",
        "0.95",
        "--memory",
        "0.88"
    };

    @TempDir
    Path dataDir;

    private record Run(int exitCode, String out, String err) {}

    private static Run arf(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void nabRunScoresEveryFileAndNabScoreRatesTheResults(@TempDir Path nab) throws java.io.IOException {
        Path data = nab.resolve("data/synthetic");
        java.nio.file.Files.createDirectories(data);
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        java.time.LocalDateTime t = java.time.LocalDateTime.of(2014, 1, 1, 0, 0);
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        for (int i = 0; i < 2000; i++) {
            csv.append(f.format(t.plusMinutes(5L * i)))
                    .append(',')
                    .append(i == 1500 ? 400 : 50 + 20 * Math.sin(2 * Math.PI * i / 288))
                    .append('\n');
        }
        java.nio.file.Files.writeString(data.resolve("daily.csv"), csv);
        Path labels = nab.resolve("windows.json");
        java.nio.file.Files.writeString(
                labels,
                "{\"synthetic/daily.csv\": [[\"" + f.format(t.plusMinutes(5L * 1450)) + ".000000\", \""
                        + f.format(t.plusMinutes(5L * 1550)) + ".000000\"]]}");

        Run run = arf(
                "nab",
                "run",
                "--data",
                nab.resolve("data").toString(),
                "--out",
                nab.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 files, 2,000 rows scored");
        assertThat(run.err()).contains("[1/1] synthetic/daily.csv (2,000 rows)");

        Run score = arf("nab", "score", "--results", nab.resolve("out").toString(), "--labels", labels.toString());
        assertThat(score.exitCode()).as(score.err()).isZero();
        assertThat(score.out()).containsPattern("standard +\\S+ +\\S+ +\\S+ +1 +0 +0");
    }

    @Test
    void nabScoreExplainsResultsThatDoNotMatchTheLabels(@TempDir Path nab) throws java.io.IOException {
        Path labels = nab.resolve("windows.json");
        java.nio.file.Files.writeString(labels, "{\"cat/missing.csv\": []}");

        Run run = arf("nab", "score", "--results", nab.toString(), "--labels", labels.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing [cat/missing.csv]");
    }

    @Test
    void helpListsTheCommands() {
        Run run = arf("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo", "analyze", "doctor", "version");
    }

    @Test
    void versionNamesArfAndJava() {
        assertThat(arf("version").out()).contains("arf ", "java ");
        assertThat(arf("--version").out()).contains("arf ");
    }

    @Test
    void demoTellsTheWholeStoryOfADatabaseMeltdown() {
        Run run = arf("demo", "--speed", "0", "--data-dir", dataDir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("fault injected", "opened on", "Diagnostician", "Predictor", "Impact", "MTTD", "MTTR");
    }

    @Test
    void demoListsItsScenarios() {
        Run run = arf("demo", "--list");
        assertThat(run.out()).contains("database-meltdown", "black-friday-crisis", "memory-leak-discovery");
    }

    @Test
    void demoRefusesAnUnknownScenarioAndSaysWhichExist() {
        Run run = arf("demo", "--scenario", "nope", "--speed", "0", "--no-store");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("unknown scenario 'nope'", "database-meltdown");
    }

    @Test
    void demoJsonIsTheReportDocument() {
        Run run = arf("demo", "--scenario", "bad-deploy", "--speed", "0", "--json", "--data-dir", dataDir.toString());
        assertThat(run.out()).contains("\"report\"", "\"time_to_detect\"", "\"incidents\"", "\"timeline\"");
    }

    @Test
    void analyzeExplainsTheSeedsQuickstartObservation() {
        Run run = arf(concat(QUICKSTART_OBSERVATION, "--data-dir", dataDir.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Status:     ANOMALY", "Diagnostician", "Impact");
    }

    @Test
    void analyzeJsonHasTheSeedShape() {
        Run run = arf(concat(QUICKSTART_OBSERVATION, "--json", "--no-store"));
        assertThat(run.out())
                .contains(
                        "\"status\" : \"ANOMALY\"",
                        "\"severity\"",
                        "\"multi_agent_analysis\"",
                        "\"recommended_actions\"",
                        "\"business_impact\"",
                        "\"healing_actions\"");
    }

    @Test
    void analyzeRefusesAnImpossibleErrorRateNamingTheOption() {
        Run run = arf("analyze", "--service", "api", "--error-rate", "1.7", "--no-store");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--error-rate", "between 0 and 1");
    }

    @Test
    void doctorPassesOnAWritableDataDirectory() {
        Run run = arf("doctor", "--data-dir", dataDir.toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("OK   jdk", "OK   store", "OK   detector", "All checks passed.");
    }

    @Test
    void doctorFailsOnADataDirectoryItCannotCreate() throws Exception {
        Path file = dataDir.resolve("plain-file");
        java.nio.file.Files.writeString(file, "x");
        Run run = arf("doctor", "--data-dir", file.resolve("sub").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL");
    }

    @Test
    void policiesListShowsTheBuiltIns() {
        Run run = arf("policies", "list");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("bad_deploy_rollback", "cause is bad_deploy", "rollback, alert_team");
    }

    @Test
    void policiesValidatePointsAtFileLineAndField() throws Exception {
        Path file = dataDir.resolve("bad.yaml");
        java.nio.file.Files.writeString(file, """
                policies:
                  - name: oops
                    conditions:
                      - metric: latency_p99
                        operator: bigger
                        threshold: 200
                    actions: [scale_out]
                    priority: 1
                    cool_down_seconds: 60
                    max_executions_per_hour: 5
                """);
        Run run = arf("policies", "validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml:5:", "policies[0].conditions[0].operator", "bigger");
    }

    @Test
    void demoRunsWithCustomPoliciesAndRefusesABrokenFile() throws Exception {
        Path good = dataDir.resolve("policies.yaml");
        java.nio.file.Files.writeString(good, """
                policies:
                  - name: restart_the_database
                    services: [database]
                    conditions:
                      - metric: error_rate
                        operator: gt
                        threshold: 0.1
                    actions: [restart_container]
                    priority: 1
                    cool_down_seconds: 300
                    max_executions_per_hour: 3
                """);
        Run run = arf("demo", "--speed", "0", "--no-store", "--policies", good.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("restart_container on database", "policy:restart_the_database");
        assertThat(run.out()).doesNotContain("policy:anomaly_alert");

        Path bad = dataDir.resolve("broken.yaml");
        java.nio.file.Files.writeString(bad, "policies:\n  - name: x\n    colour: blue\n");
        Run refused = arf("demo", "--speed", "0", "--no-store", "--policies", bad.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("broken.yaml:3:5", "colour");
    }

    @Test
    void analyzeJudgesAnObservationAgainstTheBaselineLearnedInTheStore() {
        String[] observation = {
            "analyze",
            "--service",
            "checkout",
            "--latency",
            "450",
            "--error-rate",
            "0.004",
            "--throughput",
            "240",
            "--cpu",
            "0.22",
            "--memory",
            "0.45"
        };
        Run cold = arf(concat(observation, "--data-dir", dataDir.toString()));
        assertThat(cold.out()).contains("Status:     NORMAL", "warming up");

        assertThat(arf("demo", "--scenario", "cpu-saturation", "--speed", "0", "--data-dir", dataDir.toString())
                        .exitCode())
                .isZero();
        Run learned = arf(concat(observation, "--data-dir", dataDir.toString()));
        assertThat(learned.out()).contains("Status:     ANOMALY", "above its baseline");

        try (var store = dev.arf.store.Stores.embedded(dataDir)) {
            assertThat(store.recentEvents("checkout", 100_000))
                    .as("analyze writes nothing to the store")
                    .noneMatch(e -> e.latencyP99() == 450);
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void theDemosAuditTrailVerifiesExportsAndCatchesTampering() throws Exception {
        assertThat(arf("demo", "--scenario", "bad-deploy", "--speed", "0", "--data-dir", dataDir.toString())
                        .exitCode())
                .isZero();

        Run verify = arf("audit", "verify", "--data-dir", dataDir.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).startsWith("intact: ");

        assertThat(arf("audit", "tail", "-n", "50", "--data-dir", dataDir.toString())
                        .out())
                .contains("ORCH_INTENT", "ORCH_EXEC", "rollback");

        Path exported = dataDir.resolve("audit.jsonl");
        assertThat(arf(
                                "audit",
                                "export",
                                "--format",
                                "jsonl",
                                "-o",
                                exported.toString(),
                                "--data-dir",
                                dataDir.toString())
                        .exitCode())
                .isZero();
        assertThat(arf("audit", "verify", "--file", exported.toString()).exitCode())
                .isZero();

        List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(exported));
        assertThat(lines.size()).isGreaterThan(5);
        lines.set(3, lines.get(3).replace("\"actor\":\"", "\"actor\":\"mallory-"));
        Path tampered = dataDir.resolve("tampered.jsonl");
        java.nio.file.Files.write(tampered, lines);
        Run caught = arf("audit", "verify", "--file", tampered.toString());
        assertThat(caught.exitCode()).isEqualTo(1);
        assertThat(caught.out()).contains("TAMPERED", "first bad record 4");
    }

    @Test
    void blueprintValidateAcceptsTheExamplesAndPointsAtABadUnit() throws Exception {
        Path examples = Path.of("..", "examples", "blueprints");
        Run ok = arf("blueprint", "validate", examples.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("2 valid blueprints", "checkout", "global rules");

        String yaml = java.nio.file.Files.readString(examples.resolve("checkout.yaml"));
        Path bad = dataDir.resolve("bad-blueprint.yaml");
        java.nio.file.Files.writeString(bad, yaml.replaceFirst("(?m)(stabilization_period: *)\\S+", "$1five minutes"));
        Run refused = arf("blueprint", "validate", bad.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("bad-blueprint.yaml:", "stabilization_period");
    }

    @Test
    void aGovernedDemoRefusesWhatTheBlueprintsReserveForPeople() {
        String blueprints = Path.of("..", "examples", "blueprints-sim").toString();
        Run governed = arf("demo", "--speed", "0", "--no-store", "--blueprints", blueprints);
        assertThat(governed.exitCode()).as(governed.err()).isZero();
        assertThat(governed.out())
                .contains("restart_container on database: refused — APPROVAL_REQUIRED", "dba-team")
                .contains("circuit_breaker on payments: executed");

        Run dryRun = arf("demo", "--speed", "0", "--no-store", "--blueprints", blueprints, "--dry-run");
        assertThat(dryRun.out()).contains("DRY_RUN").doesNotContain("circuit_breaker on payments: executed");
    }

    @Test
    void theKillSwitchStopsTheGovernedDemoAndIsOnTheAuditTrail() {
        String blueprints = Path.of("..", "examples", "blueprints-sim").toString();
        Run on = arf(
                "governance",
                "kill-switch",
                "on",
                "--reason",
                "drill",
                "--actor",
                "alice",
                "--data-dir",
                dataDir.toString());
        assertThat(on.exitCode()).as(on.err()).isZero();
        assertThat(arf("governance", "status", "--data-dir", dataDir.toString()).out())
                .contains("ENGAGED");

        Run stopped = arf("demo", "--speed", "0", "--blueprints", blueprints, "--data-dir", dataDir.toString());
        assertThat(stopped.out())
                .contains("KILL_SWITCH_ENGAGED")
                .doesNotContain("circuit_breaker on payments: executed");

        arf("governance", "kill-switch", "off", "--actor", "alice", "--data-dir", dataDir.toString());
        assertThat(arf("governance", "status", "--data-dir", dataDir.toString()).out())
                .contains("kill switch        off");
        assertThat(arf("audit", "tail", "-n", "100000", "--data-dir", dataDir.toString())
                        .out())
                .contains("KILL_SWITCH_ENGAGED", "person:alice", "KILL_SWITCH_RELEASED");
        assertThat(arf("audit", "verify", "--data-dir", dataDir.toString()).exitCode())
                .isZero();
    }

    @Test
    void aMaintenanceWindowPausesTheGovernedDemoUntilItIsRemoved() {
        String dir = dataDir.toString();
        String blueprints = Path.of("..", "examples", "blueprints-sim").toString();
        Run bad = arf(
                "governance", "maintenance", "add", "mw-1", "--from", "yesterday", "--until", "now", "--data-dir", dir);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("maintenance window mw-1").contains("yesterday");

        Run added = arf(
                "governance",
                "maintenance",
                "add",
                "mw-1",
                "--reason",
                "db upgrade",
                "--from",
                "2000-01-01T00:00:00Z",
                "--until",
                "2100-01-01T00:00:00Z",
                "--data-dir",
                dir);
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(arf("governance", "maintenance", "list", "--data-dir", dir).out())
                .contains("mw-1", "db upgrade", "(ACTIVE)");
        assertThat(arf("governance", "status", "--data-dir", dir).out()).contains("maintenance mw-1");

        Run paused = arf("demo", "--speed", "0", "--blueprints", blueprints, "--data-dir", dir);
        assertThat(paused.out()).contains("MAINTENANCE_WINDOW").doesNotContain("circuit_breaker on payments: executed");

        assertThat(arf("governance", "maintenance", "remove", "mw-1", "--data-dir", dir)
                        .exitCode())
                .isZero();
        assertThat(arf("governance", "maintenance", "remove", "mw-1", "--data-dir", dir)
                        .exitCode())
                .isEqualTo(1);
        assertThat(arf("audit", "tail", "-n", "100000", "--data-dir", dir).out())
                .contains("MAINTENANCE_WINDOW_SET", "MAINTENANCE_WINDOW_REMOVED");
    }

    @Test
    void seed002sUseCasesRunAsDemosWithTheirTimingsAndLeaveAVerifiableAuditTrail() {
        String dir = dataDir.toString();
        assertThat(arf("demo", "--list").out())
                .contains(
                        "autonomous-scaling",
                        "scale-beyond-limits",
                        "forbidden-operation",
                        "automatic-rollback",
                        "multi-service");

        Run forbidden = arf("demo", "--scenario", "forbidden-operation", "--data-dir", dir);
        assertThat(forbidden.exitCode()).as(forbidden.err()).isZero();
        assertThat(forbidden.out())
                .contains("llm:assistant proposes delete_deployment on payments → refused")
                .contains("ACTION_FORBIDDEN")
                .contains("seed 002: under 1 second")
                .contains("✔ as seed 002 describes");

        Run beyond = arf("demo", "--scenario", "scale-beyond-limits", "--json", "--data-dir", dir);
        assertThat(beyond.exitCode()).isZero();
        assertThat(beyond.out()).contains("\"as_expected\" : true").contains("max_replicas 5 → 6");
        Run history = arf("blueprint", "history", "checkout", "--diff", "--data-dir", dir);
        assertThat(history.out())
                .contains("approved scale beyond limits", "person:alice")
                .contains("-    max_replicas: 5")
                .contains("+    max_replicas: 6");

        assertThat(arf("audit", "tail", "-n", "100000", "--data-dir", dir).out())
                .contains("AGENT_DECISION", "BLUEPRINT_AMENDED", "VERIFICATION_PASSED");
        assertThat(arf("audit", "verify", "--data-dir", dir).exitCode()).isZero();
    }

    @Test
    void aRefusedRestartBecomesAnApprovalRequestThatAPersonDecides() {
        String blueprints = Path.of("..", "examples", "blueprints-sim").toString();
        Run demo = arf("demo", "--speed", "0", "--blueprints", blueprints, "--data-dir", dataDir.toString());
        assertThat(demo.out()).contains("awaiting approval APR-");

        Run list = arf("approvals", "list", "--data-dir", dataDir.toString());
        String id = list.out()
                .lines()
                .filter(l -> l.contains("restart_container") && l.contains("database"))
                .map(l -> l.split(" +")[0])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pending database restart in:\n" + list.out()));
        assertThat(list.out()).contains("PENDING", "dba-team");

        Run denyWithoutName = arf("approvals", "deny", id, "--data-dir", dataDir.toString());
        assertThat(denyWithoutName.exitCode()).isNotZero();

        Run approved =
                arf("approvals", "approve", id, "--as", "dana", "--note", "go", "--data-dir", dataDir.toString());
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.out()).contains("APPROVED", "dana");
        Run again = arf("approvals", "deny", id, "--as", "eve", "--data-dir", dataDir.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("APPROVED", "cannot become DENIED");

        assertThat(arf("audit", "tail", "-n", "100000", "--data-dir", dataDir.toString())
                        .out())
                .contains("APPROVAL_REQUESTED", "APPROVAL_GRANTED", "person:dana");
        assertThat(arf("audit", "verify", "--data-dir", dataDir.toString()).exitCode())
                .isZero();
    }

    @Test
    void anApprovedRestartRunsAndTheGovernedMeltdownResolves() {
        String blueprints = Path.of("..", "examples", "blueprints-sim").toString();
        Run run = arf(
                "demo",
                "--speed",
                "0",
                "--blueprints",
                blueprints,
                "--approve-as",
                "dana",
                "--data-dir",
                dataDir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String out = run.out();
        assertThat(out).contains("restart_container on database: refused — APPROVAL_REQUIRED");
        assertThat(out.indexOf("dana approved APR-")).isPositive();
        assertThat(out.indexOf("restart_container on database: executed"))
                .as("the restart runs only after the approval")
                .isGreaterThan(out.indexOf("dana approved APR-"));
        assertThat(out).contains("4 opened, 4 resolved");
        assertThat(arf("approvals", "list", "--all", "--data-dir", dataDir.toString())
                        .out())
                .contains("EXECUTED", "dana");
    }

    @Test
    void blueprintApplyKeepsEveryVersionAndHistoryShowsThemNewestFirstWithDiffs() throws Exception {
        String data = dataDir.resolve("store").toString();
        String v1 = java.nio.file.Files.readString(Path.of("..", "examples", "blueprints", "checkout.yaml"));
        String v2 = v1.replace("      - restart_pods\n", "")
                .replace("      - change_rbac\n", "      - change_rbac\n      - restart_pods\n");
        assertThat(v2).isNotEqualTo(v1);
        Path file = dataDir.resolve("checkout.yaml");
        java.nio.file.Files.writeString(file, v1);

        Run first =
                arf("blueprint", "apply", file.toString(), "--by", "cli:alice", "--note", "first", "--data-dir", data);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("checkout v1 (sha ");
        assertThat(arf("blueprint", "apply", file.toString(), "--data-dir", data)
                        .out())
                .isEqualTo("checkout unchanged (v1)" + System.lineSeparator());
        java.nio.file.Files.writeString(file, v2);
        Run second = arf(
                "blueprint", "apply", file.toString(), "--by", "cli:bob", "--note", "no restarts", "--data-dir", data);
        assertThat(second.out()).startsWith("checkout v2 (sha ");

        Run history = arf("blueprint", "history", "checkout", "--data-dir", data);
        assertThat(history.exitCode()).as(history.err()).isZero();
        List<String> lines = history.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("v2 ").contains("cli:bob", "no restarts");
        assertThat(lines.get(1)).startsWith("v1 ").contains("cli:alice", "first");

        Run diff = arf("blueprint", "history", "checkout", "--diff", "--data-dir", data);
        assertThat(diff.out())
                .contains(
                        "--- checkout v1 (sha ",
                        "+++ checkout v2 (sha ",
                        "@@ -",
                        "-      - restart_pods\n",
                        "+      - restart_pods\n")
                .contains("--- /dev/null");
        Run json = arf("blueprint", "history", "checkout", "--json", "--diff", "--data-dir", data);
        assertThat(json.out())
                .contains("\"version\" : 2", "\"applied_by\" : \"cli:bob\"", "\"diff\" : \"--- checkout v1");

        assertThat(arf("blueprint", "show", "checkout", "--data-dir", data).out())
                .isEqualTo(v2);
        assertThat(arf("blueprint", "show", "checkout", "--version", "1", "--data-dir", data)
                        .out())
                .isEqualTo(v1);
        Run noVersion = arf("blueprint", "show", "checkout", "--version", "9", "--data-dir", data);
        assertThat(noVersion.exitCode()).isEqualTo(1);
        assertThat(noVersion.err()).contains("checkout has versions 1 to 2; there is no version 9");

        Run canary = arf("blueprint", "apply", file.toString(), "--as", "checkout-canary", "--data-dir", data);
        assertThat(canary.out()).startsWith("checkout-canary v1 (sha ");
    }

    @Test
    void blueprintHistoryOfAnUnknownNameSaysWhichExistAndAnInvalidFileIsNotApplied() throws Exception {
        String data = dataDir.resolve("store").toString();
        Run none = arf("blueprint", "history", "checkout", "--data-dir", data);
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no blueprint named 'checkout'", "none was ever applied");

        Path examples = Path.of("..", "examples", "blueprints");
        assertThat(arf("blueprint", "apply", examples.resolve("global.yaml").toString(), "--data-dir", data)
                        .exitCode())
                .isZero();
        Run unknown = arf("blueprint", "show", "checkout", "--data-dir", data);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no blueprint named 'checkout'", "known: global");

        String yaml = java.nio.file.Files.readString(examples.resolve("checkout.yaml"));
        Path bad = dataDir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, yaml.replace("target_cpu_utilization: 70%", "target_cpu_utilization: 70"));
        Run refused = arf("blueprint", "apply", bad.toString(), "--data-dir", data);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("bad.yaml:12:", "target_cpu_utilization");
        assertThat(arf("blueprint", "history", "checkout", "--data-dir", data).exitCode())
                .isEqualTo(1);
    }
}
