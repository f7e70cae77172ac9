package dev.arf.cli;

import dev.arf.core.audit.AuditEntry;
import dev.arf.core.governance.GateExecution;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.GuardianState;
import dev.arf.core.governance.MaintenanceWindow;
import dev.arf.core.governance.StoredGuardianMemory;
import dev.arf.core.governance.StoredKillSwitch;
import dev.arf.core.governance.StoredMaintenanceCalendar;
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
        subcommands = {
            GovernanceCommand.Status.class,
            GovernanceCommand.KillSwitchCommand.class,
            GovernanceCommand.Maintenance.class,
            GovernanceSettingsCommand.class
        })
final class GovernanceCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Who acts on the command line: {@code --actor}, else the USER environment variable. */
    static String who(String actor) {
        return actor != null ? actor : System.getenv().getOrDefault("USER", "unknown");
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
            GovernanceSettings settings = GovernanceSettingsCommand.inForce(data, out);
            Instant now = Instant.now();
            try (JdbcReliabilityStore store = data.open()) {
                out.println("kill switch        " + killSwitchState(store));
                printState(out, store, settings, now);
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

    /** Breakers, locks, ineffective fixes, cooldowns running and maintenance windows, from the store. */
    private static void printState(
            PrintWriter out, JdbcReliabilityStore store, GovernanceSettings settings, Instant now) {
        GuardianState state;
        try {
            state = new StoredGuardianMemory(store).load();
        } catch (RuntimeException e) {
            out.println("guardian state     UNREADABLE (every action is refused until repaired): " + e.getMessage());
            return;
        }
        if (state.breakers().isEmpty()) {
            out.println("breakers           all closed");
        }
        state.breakers().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            GuardianState.Breaker b = e.getValue();
            String how = b.openedAt()
                    .map(at -> {
                        Instant halfOpen = at.plus(settings.safety().breakerOpenFor());
                        return now.isBefore(halfOpen)
                                ? "OPEN since " + at + ", half-open at " + halfOpen
                                : b.trialInFlight()
                                        ? "HALF-OPEN, trial in flight"
                                        : "HALF-OPEN, next action is a trial";
                    })
                    .orElse("closed");
            out.printf("breaker %-10s %s (%d consecutive failures)%n", e.getKey(), how, b.failures());
        });
        state.locks().entrySet().stream()
                .filter(e -> e.getValue().expiresAt().isAfter(now))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.printf(
                        "locked  %-10s by %s until %s%n",
                        e.getKey(), e.getValue().owner(), e.getValue().expiresAt()));
        state.fixes().entrySet().stream()
                .filter(e -> e.getValue().blockedUntil().filter(now::isBefore).isPresent())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.printf(
                        "ineffective %-20s blocked until %s after %d misses%n",
                        e.getKey(),
                        e.getValue().blockedUntil().get(),
                        e.getValue().misses()));
        Map<String, Instant> last = new java.util.TreeMap<>();
        for (GateExecution ex : state.executions()) {
            last.merge(ex.target() + " " + ex.type().key(), ex.at(), (a, b) -> a.isAfter(b) ? a : b);
        }
        last.forEach((key, at) -> {
            String kind = key.substring(key.indexOf(' ') + 1);
            dev.arf.core.policy.HealingAction.byKey(kind)
                    .map(k -> settings.cooldowns().getOrDefault(k, java.time.Duration.ZERO))
                    .map(at::plus)
                    .filter(now::isBefore)
                    .ifPresent(until -> out.printf("cooling %-20s until %s%n", key, until));
        });
        Map<String, Long> perService = new java.util.TreeMap<>();
        state.executions().stream()
                .filter(ex -> ex.at().isAfter(now.minus(java.time.Duration.ofHours(1))))
                .forEach(ex -> perService.merge(ex.target(), 1L, Long::sum));
        perService.forEach((service, n) ->
                out.printf("budget  %-10s %d of %d used this hour%n", service, n, settings.perServicePerHour()));
        try {
            for (MaintenanceWindow w : new StoredMaintenanceCalendar(store).windows()) {
                out.printf(
                        "maintenance %-8s %s %s%s%n",
                        w.id(), w.scope(), w.when(), w.covers(w.scope(), now) ? " (ACTIVE)" : "");
            }
        } catch (RuntimeException e) {
            out.println("maintenance        UNREADABLE (automation paused): " + e.getMessage());
        }
    }

    @Command(
            name = "maintenance",
            description = "Maintenance windows pause automation on a service (or every service, scope *).",
            mixinStandardHelpOptions = true,
            subcommands = {Maintenance.Add.class, Maintenance.ListWindows.class, Maintenance.Remove.class})
    static final class Maintenance implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(
                name = "add",
                description = "Add a one-off window (--from/--until, ISO-8601 instants) or a weekly one (--weekly"
                        + " MON,TUE --start 02:00 --length PT2H --zone Europe/Berlin).",
                mixinStandardHelpOptions = true)
        static final class Add implements Callable<Integer> {
            @picocli.CommandLine.Spec
            picocli.CommandLine.Model.CommandSpec spec;

            @Mixin
            DataOptions data;

            @Parameters(index = "0", paramLabel = "ID")
            String id;

            @Option(names = "--scope", defaultValue = "*", description = "A service, or * for every service.")
            String scope;

            @Option(names = "--reason", defaultValue = "")
            String reason;

            @Option(names = "--from")
            String from;

            @Option(names = "--until")
            String until;

            @Option(names = "--weekly", split = ",", description = "Days, e.g. SUNDAY or SUN,SAT.")
            java.util.List<String> days;

            @Option(names = "--start", description = "Local start time, e.g. 02:00.")
            String start;

            @Option(names = "--length", description = "ISO-8601 duration, e.g. PT2H.")
            String length;

            @Option(names = "--zone", defaultValue = "UTC")
            String zone;

            @Override
            public Integer call() {
                MaintenanceWindow window;
                try {
                    if (days != null) {
                        if (start == null || length == null) {
                            throw new IllegalArgumentException("a weekly window needs --start and --length");
                        }
                        window = new MaintenanceWindow.Weekly(
                                id,
                                scope,
                                reason,
                                days.stream().map(GovernanceCommand::day).collect(java.util.stream.Collectors.toSet()),
                                java.time.LocalTime.parse(start),
                                java.time.Duration.parse(length),
                                java.time.ZoneId.of(zone));
                    } else {
                        if (from == null || until == null) {
                            throw new IllegalArgumentException(
                                    "give --from and --until for a one-off window, or --weekly for a recurring one");
                        }
                        window = new MaintenanceWindow.OneOff(
                                id, scope, reason, Instant.parse(from), Instant.parse(until));
                    }
                } catch (RuntimeException e) {
                    spec.commandLine().getErr().println("maintenance window " + id + ": " + e.getMessage());
                    return 2;
                }
                try (JdbcReliabilityStore store = data.open()) {
                    Instant now = Instant.now();
                    store.audit()
                            .append(new AuditEntry(
                                    now,
                                    "MAINTENANCE_WINDOW_SET",
                                    window.scope(),
                                    "person:" + who(null),
                                    Map.of("id", window.id(), "when", window.when(), "reason", window.reason())));
                    new StoredMaintenanceCalendar(store).put(window, now);
                }
                spec.commandLine()
                        .getOut()
                        .println("maintenance window " + window.id() + " on " + window.scope() + ": " + window.when());
                return 0;
            }
        }

        @Command(name = "list", description = "The maintenance windows in force.", mixinStandardHelpOptions = true)
        static final class ListWindows implements Callable<Integer> {
            @picocli.CommandLine.Spec
            picocli.CommandLine.Model.CommandSpec spec;

            @Mixin
            DataOptions data;

            @Override
            public Integer call() {
                PrintWriter out = spec.commandLine().getOut();
                Instant now = Instant.now();
                try (JdbcReliabilityStore store = data.open()) {
                    for (MaintenanceWindow w : new StoredMaintenanceCalendar(store).windows()) {
                        out.printf(
                                "%-12s %-12s %s%s  %s%n",
                                w.id(), w.scope(), w.when(), w.covers(w.scope(), now) ? " (ACTIVE)" : "", w.reason());
                    }
                }
                out.flush();
                return 0;
            }
        }

        @Command(name = "remove", description = "Remove a maintenance window.", mixinStandardHelpOptions = true)
        static final class Remove implements Callable<Integer> {
            @picocli.CommandLine.Spec
            picocli.CommandLine.Model.CommandSpec spec;

            @Mixin
            DataOptions data;

            @Parameters(index = "0", paramLabel = "ID")
            String id;

            @Override
            public Integer call() {
                try (JdbcReliabilityStore store = data.open()) {
                    Instant now = Instant.now();
                    if (!new StoredMaintenanceCalendar(store).remove(id, now)) {
                        spec.commandLine().getErr().println("no maintenance window " + id);
                        return 1;
                    }
                    store.audit()
                            .append(new AuditEntry(
                                    now,
                                    "MAINTENANCE_WINDOW_REMOVED",
                                    "fleet",
                                    "person:" + who(null),
                                    Map.of("id", id)));
                }
                spec.commandLine().getOut().println("removed maintenance window " + id);
                return 0;
            }
        }
    }

    static java.time.DayOfWeek day(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
            if (d.name().equals(t) || d.name().startsWith(t) && t.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a day of the week");
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
            String who = who(actor);
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
