package dev.arf.cli;

import dev.arf.config.ConfigException;
import dev.arf.config.GovernanceConfig;
import dev.arf.config.GovernanceLoader;
import dev.arf.config.StoredGovernanceConfig;
import dev.arf.config.UnitText;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.blueprint.BlueprintVersion;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.SafetyLimits;
import dev.arf.store.JdbcReliabilityStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "settings",
        description = "The Guardian's thresholds (eligibility, cooldowns, repetition, budgets, safety limits, dry"
                + " run) from a governance file, kept in the store for every ARF process and across restarts.",
        mixinStandardHelpOptions = true,
        subcommands = {GovernanceSettingsCommand.Apply.class, GovernanceSettingsCommand.Show.class})
final class GovernanceSettingsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The defaults in force for {@code arf governance status}: the stored ones, else the built-in ones.
     * Prints where they come from on {@code out}; stored settings that no longer load are reported
     * there and the built-in defaults shown instead (a Guardian started on them refuses to start).
     */
    static GovernanceSettings inForce(DataOptions data, PrintWriter out) {
        try (JdbcReliabilityStore store = data.open()) {
            Optional<GovernanceConfig> stored = new StoredGovernanceConfig(store).load();
            out.println("settings           "
                    + stored.map(c -> "stored (arf governance settings show)").orElse("built-in defaults"));
            return stored.map(GovernanceConfig::defaults).orElseGet(GovernanceSettings::defaults);
        } catch (IllegalStateException e) {
            out.println("settings           UNREADABLE, built-in defaults shown: " + firstLine(e.getMessage()));
            return GovernanceSettings.defaults();
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Command(
            name = "apply",
            description = "Validate a governance file (examples/governance.yaml documents every key), record it on"
                    + " the audit trail, then store it: every ARF process on the store applies it from its next"
                    + " start. Problems as file:line:column: field: message; exit code 2 when invalid.",
            mixinStandardHelpOptions = true)
    static final class Apply implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Parameters(paramLabel = "FILE", description = "A governance YAML file (kind: Governance).")
        Path file;

        @Option(names = "--actor", description = "Who (default: the USER environment variable).")
        String actor;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            GovernanceLoader loader = new GovernanceLoader();
            byte[] bytes;
            GovernanceConfig config;
            try {
                loader.load(file); // refuses a missing, unreadable or oversized file before reading it whole
                bytes = Files.readAllBytes(file);
                config = loader.load(bytes, file.toString()); // exactly the text stored
            } catch (ConfigException e) {
                e.problems().forEach(err::println);
                err.flush();
                return 2;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            String sha = BlueprintVersion.sha256(text);
            String who = GovernanceCommand.who(actor);
            String services = String.join(",", new TreeSet<>(config.services().keySet()));
            Instant now = Instant.now();
            try (JdbcReliabilityStore store = data.open()) {
                // Audit first: thresholds changed without a record would be a change nobody can explain.
                store.audit()
                        .append(new AuditEntry(
                                now,
                                "GOVERNANCE_SETTINGS_APPLIED",
                                "fleet",
                                "person:" + who,
                                Map.of("file", file.toString(), "sha256", sha, "services", services)));
                new StoredGovernanceConfig(store, loader).save(bytes, file.toString(), now);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("governance settings applied from " + file + " (sha " + sha.substring(0, 12) + "): defaults"
                    + (services.isEmpty() ? "" : ", own thresholds for " + services.replace(",", ", ")));
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "show",
            description = "The settings in force: stored by 'apply', else the built-in defaults; with --service, the"
                    + " thresholds of that service (its own, merged over the defaults). Exit code 1 when the"
                    + " stored settings are invalid.",
            mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Option(names = "--service", paramLabel = "S", description = "Show the thresholds of this service.")
        String service;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<GovernanceConfig> stored;
            try (JdbcReliabilityStore store = data.open()) {
                stored = new StoredGovernanceConfig(store).load();
            } catch (IllegalStateException e) {
                spec.commandLine().getErr().println(e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
            GovernanceConfig config = stored.orElseGet(GovernanceConfig::builtIn);
            out.println("source             "
                    + (stored.isPresent()
                            ? "stored (setting " + StoredGovernanceConfig.SETTING + ")"
                            : "built-in defaults (none applied: arf governance settings apply FILE)"));
            GovernanceSettings settings = config.defaults();
            if (service != null) {
                boolean own = config.services().containsKey(service);
                out.println("service            " + service
                        + (own ? " (own thresholds over the defaults)" : " (no own thresholds: the defaults)"));
                settings = config.settingsFor(service);
            }
            print(out, settings);
            if (service == null) {
                out.println("own thresholds     "
                        + (config.services().isEmpty()
                                ? "none"
                                : String.join(
                                        ", ", new TreeSet<>(config.services().keySet()))));
            }
            out.flush();
            return 0;
        }

        private static void print(PrintWriter out, GovernanceSettings s) {
            s.eligible().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.printf("eligible in %-6s %s%n", e.getKey().key(), new TreeSet<>(e.getValue())));
            s.cooldowns().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.printf("cooldown %-17s %s%n", e.getKey().key(), UnitText.duration(e.getValue())));
            out.printf(
                    "repetition         %d identical in %s%n",
                    s.repetitionLimit(), UnitText.duration(s.repetitionWindow()));
            out.printf(
                    "budgets            %d actions per service, %d across the fleet, per hour%n",
                    s.perServicePerHour(), s.globalPerHour());
            SafetyLimits l = s.safety();
            out.printf("min confidence     %s%n", l.minConfidence());
            out.printf(
                    "circuit breaker    opens after %d failures, half-open after %s%n",
                    l.breakerFailures(), UnitText.duration(l.breakerOpenFor()));
            out.printf(
                    "ineffective fix    blocked for %s after %d misses%n",
                    UnitText.duration(l.ineffectiveBlock()), l.ineffectiveLimit());
            out.printf("blast radius       at most %d target(s) per action%n", l.maxTargetsPerAction());
            out.printf("lock lease         %s%n", UnitText.duration(l.lockLease()));
            out.printf("dry run            %s%n", s.dryRun() ? "ON (nothing executes)" : "off");
        }
    }
}
