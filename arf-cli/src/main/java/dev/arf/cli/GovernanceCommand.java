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

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (server.remote()) {
                printRemote(server.client().get("/api/v1/governance/status"), out);
                out.flush();
                return 0;
            }
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

    /** The server's governance status, in the same lines as the local one. */
    static void printRemote(tools.jackson.databind.JsonNode s, PrintWriter out) {
        tools.jackson.databind.JsonNode kill = s.get("kill_switch");
        out.println("kill switch        "
                + (kill.get("engaged").asBoolean() ? "ENGAGED (no automated action runs)" : "off")
                + (kill.has("problem") ? " (" + kill.get("problem").asString() + ")" : ""));
        out.println("governed           "
                + (s.get("governed").asBoolean()
                        ? "yes, blueprints " + s.get("blueprints")
                        : "no blueprints: kill switch only"));
        if (s.has("breakers")) {
            if (s.get("breakers").isEmpty()) {
                out.println("breakers           all closed");
            }
            s.get("breakers")
                    .forEach(b -> out.printf(
                            "breaker %-10s %s (%d consecutive failures)%n",
                            b.get("service").asString(),
                            b.get("state").asString().toUpperCase(java.util.Locale.ROOT),
                            b.get("consecutive_failures").asInt()));
            s.get("locks")
                    .forEach(l -> out.printf(
                            "locked  %-10s by %s until %s%n",
                            l.get("target").asString(),
                            l.get("owner").asString(),
                            l.get("expires_at").asString()));
            s.get("cooldowns")
                    .forEach(c -> out.printf(
                            "cooling %-20s until %s%n",
                            c.get("target").asString() + " " + c.get("action").asString(),
                            c.get("until").asString()));
            s.get("budgets")
                    .forEach(b -> out.printf(
                            "budget  %-10s %d of %d used this hour%n",
                            b.get("service").asString(),
                            b.get("used_this_hour").asInt(),
                            b.get("per_hour").asInt()));
        } else if (s.has("guardian_state")) {
            out.println("guardian state     " + s.get("guardian_state").asString());
        }
        if (s.get("maintenance").isArray()) {
            s.get("maintenance")
                    .forEach(w -> out.printf(
                            "maintenance %-8s %s %s%s%n",
                            w.get("id").asString(),
                            w.get("scope").asString(),
                            w.get("when").asString(),
                            w.get("active").asBoolean() ? " (ACTIVE)" : ""));
        }
        tools.jackson.databind.JsonNode limits = s.get("limits");
        out.printf(
                "repetition         %d identical in %ds%n",
                limits.get("repetition_limit").asInt(),
                limits.get("repetition_window_seconds").asLong());
        out.printf(
                "budgets            %d actions per service, %d across the fleet, per hour%n",
                limits.get("per_service_per_hour").asInt(),
                limits.get("global_per_hour").asInt());
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

        @Option(
                names = "--actor",
                description = "Who (default: the USER environment variable; with --server the" + " API token's name).")
        String actor;

        @Mixin
        ServerOptions server;

        enum State {
            on,
            off
        }

        @Override
        public Integer call() {
            if (server.remote()) {
                if (actor != null) {
                    spec.commandLine()
                            .getErr()
                            .println(
                                    "arf governance kill-switch: with --server the identity is the API token's name; drop --actor");
                    return 2;
                }
                try {
                    tools.jackson.databind.JsonNode k = server.client()
                            .put(
                                    "/api/v1/governance/kill-switch",
                                    java.util.Map.of("engaged", state == State.on, "reason", reason));
                    spec.commandLine()
                            .getOut()
                            .println("kill switch "
                                    + (k.get("engaged").asBoolean() ? "ENGAGED (no automated action runs)" : "off"));
                    return 0;
                } catch (ApiClient.ApiException e) {
                    spec.commandLine().getErr().println("arf governance kill-switch: " + e.getMessage());
                    return 2;
                }
            }
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
