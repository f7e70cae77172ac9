package dev.arf.cli;

import dev.arf.core.audit.AuditEntry;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.StoredKillSwitch;
import dev.arf.store.JdbcReliabilityStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "governance",
        description = "The Guardian's switches and limits.",
        mixinStandardHelpOptions = true,
        subcommands = {GovernanceCommand.Status.class, GovernanceCommand.KillSwitchCommand.class})
final class GovernanceCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String killSwitchState(JdbcReliabilityStore store) {
        try {
            return new StoredKillSwitch(store).engaged() ? "ENGAGED (no automated action runs)" : "off";
        } catch (RuntimeException e) {
            return "UNREADABLE, treated as engaged: " + e.getMessage();
        }
    }

    @Command(
            name = "status",
            description = "Kill switch, environment eligibility, cooldowns and budgets.",
            mixinStandardHelpOptions = true)
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            GovernanceSettings settings = GovernanceSettings.defaults();
            try (JdbcReliabilityStore store = data.open()) {
                out.println("kill switch        " + killSwitchState(store));
            }
            settings.eligible().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.printf("eligible in %-6s %s%n", e.getKey().key(), new TreeSet<>(e.getValue())));
            settings.cooldowns().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.printf(
                            "cooldown %-10s %ds%n",
                            e.getKey().key(), e.getValue().toSeconds()));
            out.printf(
                    "repetition         %d identical in %ds%n",
                    settings.repetitionLimit(), settings.repetitionWindow().toSeconds());
            out.printf(
                    "budgets            %d actions per service, %d across the fleet, per hour%n",
                    settings.perServicePerHour(), settings.globalPerHour());
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "kill-switch",
            description = "Engage (on) or release (off) the global kill switch; recorded on the audit trail.",
            mixinStandardHelpOptions = true)
    static final class KillSwitchCommand implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Parameters(paramLabel = "on|off", description = "on stops all automated action; off lets it run.")
        State state;

        @Option(names = "--reason", defaultValue = "", description = "Why, for the audit trail.")
        String reason;

        @Option(names = "--actor", description = "Who (default: the USER environment variable).")
        String actor;

        enum State {
            on,
            off
        }

        @Override
        public Integer call() {
            String who = actor != null ? actor : System.getenv().getOrDefault("USER", "unknown");
            Instant now = Instant.now();
            try (JdbcReliabilityStore store = data.open()) {
                // Audit first: a switch flipped without a record would be a change nobody can explain.
                store.audit()
                        .append(new AuditEntry(
                                now,
                                state == State.on ? "KILL_SWITCH_ENGAGED" : "KILL_SWITCH_RELEASED",
                                "fleet",
                                "person:" + who,
                                Map.of("reason", reason)));
                store.saveSetting(StoredKillSwitch.SETTING, state.name(), now);
                spec.commandLine().getOut().println("kill switch " + killSwitchState(store));
            }
            return 0;
        }
    }
}
