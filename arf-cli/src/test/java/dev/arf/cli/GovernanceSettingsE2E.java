package dev.arf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.config.StoredGovernanceConfig;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** arf governance settings apply | show, and status reading them, in-process against a real embedded store. */
class GovernanceSettingsE2E {
    private static final Path EXAMPLE = Path.of("..", "examples", "governance.yaml");

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

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

    private String dir() {
        return dataDir.toString();
    }

    @Test
    void withNothingAppliedShowAndStatusSayTheBuiltInDefaults() {
        Run show = arf("governance", "settings", "show", "--data-dir", dir());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out())
                .contains(
                        "source             built-in defaults",
                        "eligible in prod   [alert, noop]",
                        "cooldown restart_container 60s",
                        "cooldown rollback          300s",
                        "repetition         3 identical in 300s",
                        "budgets            10 actions per service, 50 across the fleet, per hour",
                        "circuit breaker    opens after 3 failures, half-open after 10m",
                        "ineffective fix    blocked for 24h after 3 misses",
                        "dry run            off",
                        "own thresholds     none");
        assertThat(arf("governance", "status", "--data-dir", dir()).out())
                .contains("settings           built-in defaults", "kill switch        off");
    }

    @Test
    void appliedSettingsAreStoredAuditedShownPerServiceAndUsedByStatus() throws Exception {
        Path file = files.resolve("governance.yaml");
        Files.writeString(file, """
                kind: Governance
                defaults:
                  cooldowns: {scale_out: 10m}
                  budgets: {per_service_per_hour: 7, global_per_hour: 30}
                  dry_run: true
                services:
                  payments:
                    cooldowns: {restart_container: 300s}
                    safety: {min_confidence: 0.8}
                """);
        Run apply = arf("governance", "settings", "apply", file.toString(), "--actor", "alice", "--data-dir", dir());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out())
                .startsWith("governance settings applied from " + file + " (sha ")
                .contains("own thresholds for payments");

        Run show = arf("governance", "settings", "show", "--data-dir", dir());
        assertThat(show.out())
                .contains(
                        "source             stored (setting governance_config)",
                        "cooldown scale_out         10m",
                        "cooldown restart_container 60s",
                        "budgets            7 actions per service, 30 across the fleet, per hour",
                        "dry run            ON",
                        "own thresholds     payments");

        Run payments = arf("governance", "settings", "show", "--service", "payments", "--data-dir", dir());
        assertThat(payments.out())
                .contains(
                        "service            payments (own thresholds over the defaults)",
                        "cooldown restart_container 300s",
                        "cooldown scale_out         10m",
                        "min confidence     0.8",
                        "budgets            7 actions per service");
        assertThat(arf("governance", "settings", "show", "--service", "cache", "--data-dir", dir())
                        .out())
                .contains("service            cache (no own thresholds: the defaults)", "min confidence     0.5");

        Run status = arf("governance", "status", "--data-dir", dir());
        assertThat(status.out())
                .contains(
                        "settings           stored",
                        "cooldown scale_out  600s",
                        "budgets            7 actions per service, 30 across the fleet, per hour");

        assertThat(arf("audit", "tail", "-n", "100", "--data-dir", dir()).out())
                .contains("GOVERNANCE_SETTINGS_APPLIED", "person:alice", "payments");
        assertThat(arf("audit", "verify", "--data-dir", dir()).exitCode()).isZero();
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            assertThat(store.setting(StoredGovernanceConfig.SETTING)).contains(Files.readString(file));
        }
    }

    @Test
    void theExampleFileApplies() {
        Run apply = arf("governance", "settings", "apply", EXAMPLE.toString(), "--data-dir", dir());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(arf("governance", "settings", "show", "--service", "checkout", "--data-dir", dir())
                        .out())
                .contains("eligible in prod   [alert, noop, scale_up]", "budgets            5 actions per service");
    }

    @Test
    void anInvalidFileIsRefusedWithEveryProblemAndNothingChanges() throws Exception {
        Path good = files.resolve("good.yaml");
        Files.writeString(good, "defaults: {budgets: {per_service_per_hour: 7}}\n");
        assertThat(arf("governance", "settings", "apply", good.toString(), "--data-dir", dir())
                        .exitCode())
                .isZero();

        Path bad = files.resolve("bad.yaml");
        Files.writeString(bad, """
                defaults:
                  cooldowns: {restart_container: 60}
                  eligible: {qa: [noop]}
                services:
                  payments: {dry_run: true}
                """);
        Run refused = arf("governance", "settings", "apply", bad.toString(), "--data-dir", dir());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err())
                .contains(
                        bad + ":2:34: defaults.cooldowns.restart_container: '60' is not a duration",
                        bad + ":3:14: defaults.eligible.qa: unknown key 'qa'",
                        bad + ":5:14: services.payments.dry_run: dry_run applies to the whole fleet");
        assertThat(arf("governance", "settings", "show", "--data-dir", dir()).out())
                .contains("budgets            7 actions per service");
        assertThat(arf("audit", "tail", "-n", "100", "--data-dir", dir()).out())
                .containsOnlyOnce("GOVERNANCE_SETTINGS_APPLIED");

        Run missing = arf(
                "governance", "settings", "apply", files.resolve("nope.yaml").toString(), "--data-dir", dir());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read the file");
    }

    @Test
    void corruptStoredSettingsAreReportedNotReplacedByTheDefaults() {
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            store.saveSetting(StoredGovernanceConfig.SETTING, "defaults: {dry_run: sometimes}\n", Instant.now());
        }
        Run show = arf("governance", "settings", "show", "--data-dir", dir());
        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.err()).contains("setting governance_config", "are invalid", "defaults.dry_run", "apply FILE");
        assertThat(arf("governance", "status", "--data-dir", dir()).out()).contains("settings           UNREADABLE");
    }
}
