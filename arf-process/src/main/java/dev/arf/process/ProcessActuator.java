package dev.arf.process;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.Actuator;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.governance.Permit;
import dev.arf.core.policy.HealingAction;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SequencedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link Actuator} for commands running on this machine: it starts a set of named commands and
 * restarts one when a {@code restart_container} action names it.
 *
 * <ul>
 *   <li>A restart stops the running process (SIGTERM, via {@link Process#destroy}, to it and the children
 *       it had; after the grace period, SIGKILL via {@link Process#destroyForcibly}) and starts the command
 *       again. It is only SUCCEEDED if the new process is still running after the readiness window: a
 *       command that cannot start, or exits within the window, is FAILED with its exit code and the last
 *       line it printed.
 *   <li>Every other action type is FAILED ("not supported for local processes"): there are no replicas
 *       or revisions here.
 *   <li>Idempotency is kept in memory (the last {@value #REMEMBERED_KEYS} applied keys): a repeated key
 *       is SKIPPED while this actuator lives, but not across ARF restarts, which also restart the commands.
 *       A FAILED attempt does not consume its key.
 *   <li>Output (stdout and stderr) of each command is appended to {@code <logDirectory>/<name>.log}.
 *   <li>Nothing is restarted on its own: a command that dies stays dead until an action restarts it.
 * </ul>
 *
 * <p>{@link #close} stops every command.
 */
public final class ProcessActuator implements Actuator, AutoCloseable {
    /** How many applied idempotency keys are remembered. */
    public static final int REMEMBERED_KEYS = 10_000;
    /** Snapshot key: the pid of the running process. */
    public static final String PID = "pid";

    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READINESS_WINDOW = Duration.ofSeconds(1);

    /** How long to wait for a process to disappear after SIGKILL before giving up on it. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Map<String, SupervisedCommand> commands;
    private final Duration gracePeriod;
    private final Duration readinessWindow;
    private final Path logDirectory;
    private final Clock clock;
    private final Map<String, Process> running = new LinkedHashMap<>();
    private final SequencedSet<String> appliedKeys = new LinkedHashSet<>();
    private boolean closed;

    private ProcessActuator(Builder b) {
        Map<String, SupervisedCommand> byName = new LinkedHashMap<>();
        for (SupervisedCommand c : b.commands) {
            if (byName.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("two commands are named " + c.name());
            }
        }
        this.commands = byName;
        this.gracePeriod = b.gracePeriod;
        this.readinessWindow = b.readinessWindow;
        this.clock = b.clock;
        try {
            this.logDirectory = b.logDirectory != null
                    ? Files.createDirectories(b.logDirectory)
                    : Files.createTempDirectory("arf-process-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory for supervised commands: " + e, e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every command that is not running yet and waits out the readiness window for each.
     *
     * @return one sentence per command that failed to start (empty when all run)
     */
    public synchronized List<String> startAll() {
        List<String> problems = new ArrayList<>();
        for (SupervisedCommand c : commands.values()) {
            Process p = running.get(c.name());
            if (p == null || !p.isAlive()) {
                start(c).ifPresent(problems::add);
            }
        }
        return problems;
    }

    /** The pid of the command's running process, if it is running. */
    public synchronized OptionalLong pid(String name) {
        Process p = running.get(name);
        return p != null && p.isAlive() ? OptionalLong.of(p.pid()) : OptionalLong.empty();
    }

    public Path logFile(String name) {
        return logDirectory.resolve(name + ".log");
    }

    /** Any action on a supervised command's name; the action type is checked when it runs. */
    @Override
    public boolean handles(Action action) {
        return commands.containsKey(action.target());
    }

    @Override
    public synchronized ActionOutcome execute(Permit permit) {
        Action action = permit.redeem();
        SupervisedCommand command = commands.get(action.target());
        if (command == null) {
            return outcome(action, ActionOutcome.Status.FAILED, "no supervised command is named " + action.target());
        }
        if (action.type() != HealingAction.RESTART_CONTAINER) {
            return outcome(
                    action,
                    ActionOutcome.Status.FAILED,
                    action.type().key() + " is not supported for local processes (only restart_container is)");
        }
        if (closed) {
            return outcome(action, ActionOutcome.Status.FAILED, "the process actuator is closed");
        }
        if (appliedKeys.contains(action.idempotencyKey())) {
            return outcome(
                    action,
                    ActionOutcome.Status.SKIPPED,
                    "already applied under idempotency key " + action.idempotencyKey());
        }
        Process old = running.remove(command.name());
        String before;
        if (old == null) {
            before = "it had not been started";
        } else if (!old.isAlive()) {
            before = "it was not running (pid " + old.pid() + " had exited with code " + old.exitValue() + ")";
        } else {
            Stop stop = stop(old);
            if (!stop.stopped()) {
                running.put(command.name(), old);
                return outcome(
                        action,
                        ActionOutcome.Status.FAILED,
                        "cannot restart " + command.name() + ": pid " + old.pid() + " did not exit even after SIGKILL");
            }
            before = "stopped pid " + old.pid() + (stop.forced() ? " forcibly after the grace period" : "");
        }
        Optional<String> problem = start(command);
        if (problem.isPresent()) {
            return outcome(action, ActionOutcome.Status.FAILED, problem.get() + " (" + before + ")");
        }
        remember(action.idempotencyKey());
        return outcome(
                action,
                ActionOutcome.Status.SUCCEEDED,
                "restarted " + command.name() + ": " + before + ", started pid "
                        + running.get(command.name()).pid());
    }

    /** The running process's pid ({@value #PID}); empty for an unknown name. */
    @Override
    public synchronized Optional<TargetSnapshot> snapshot(String target) {
        if (!commands.containsKey(target)) {
            return Optional.empty();
        }
        Map<String, String> state = new LinkedHashMap<>();
        pid(target).ifPresent(pid -> state.put(PID, Long.toString(pid)));
        state.put("running", Boolean.toString(state.containsKey(PID)));
        return Optional.of(new TargetSnapshot(target, state, clock.instant()));
    }

    /** Stops every command (SIGTERM, then SIGKILL after the grace period); later restarts fail. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Process p : running.values()) {
            if (p.isAlive()) {
                stop(p);
            }
        }
        running.clear();
    }

    // --- starting and stopping -------------------------------------------------------------------

    /** Starts the command and waits out the readiness window; a sentence on failure. */
    private Optional<String> start(SupervisedCommand c) {
        Path log = logFile(c.name());
        long logStart = size(log);
        ProcessBuilder pb = new ProcessBuilder(c.command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (c.workingDir() != null) {
            pb.directory(c.workingDir().toFile());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            return Optional.of(
                    "cannot start " + c.name() + " (" + String.join(" ", c.command()) + "): " + e.getMessage());
        }
        boolean exited;
        try {
            exited = p.waitFor(readinessWindow.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = !p.isAlive();
        }
        if (exited) {
            String output = lastLine(log, logStart).map(l -> "; it said: " + l).orElse("");
            return Optional.of(c.name() + " exited at once with code " + p.exitValue() + " (within the "
                    + readinessWindow.toMillis() + " ms readiness window)" + output);
        }
        running.put(c.name(), p);
        return Optional.empty();
    }

    private record Stop(boolean stopped, boolean forced) {}

    /** SIGTERM to the process and its children, SIGKILL to whatever is left after the grace period. */
    private Stop stop(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        boolean forced = false;
        if (!exits(p.toHandle(), deadline)) {
            forced = true;
            p.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            if (!exits(child, deadline)) {
                forced = true;
                child.destroyForcibly();
            }
        }
        boolean gone = exits(p.toHandle(), System.nanoTime() + KILL_WAIT.toNanos());
        return new Stop(gone, forced);
    }

    /** Waits for the process to exit until {@code deadline} ({@link System#nanoTime}). */
    private static boolean exits(ProcessHandle h, long deadline) {
        if (!h.isAlive()) {
            return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            h.onExit().get(left, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !h.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !h.isAlive();
        }
    }

    private void remember(String key) {
        appliedKeys.add(key);
        if (appliedKeys.size() > REMEMBERED_KEYS) {
            Iterator<String> oldest = appliedKeys.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private ActionOutcome outcome(Action action, ActionOutcome.Status status, String detail) {
        return new ActionOutcome(action, status, detail, clock.instant());
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last non-blank line written to the log since {@code from}, at most 200 characters. */
    private static Optional<String> lastLine(Path log, long from) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(from, f.length() - 4096);
            byte[] tail = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\\R");
            for (int i = lines.length - 1; i >= 0; i--) {
                String line = lines[i].strip();
                if (!line.isEmpty()) {
                    return Optional.of(line.length() > 200 ? line.substring(0, 200) + "…" : line);
                }
            }
        } catch (IOException e) {
            // no output to show
        }
        return Optional.empty();
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    public static final class Builder {
        private final List<SupervisedCommand> commands = new ArrayList<>();
        private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
        private Duration readinessWindow = DEFAULT_READINESS_WINDOW;
        private Path logDirectory;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder command(SupervisedCommand command) {
            commands.add(Objects.requireNonNull(command, "command"));
            return this;
        }

        public Builder command(String name, String... command) {
            return command(new SupervisedCommand(name, List.of(command)));
        }

        /** How long a process has to exit after SIGTERM before it is killed; default 10 s. */
        public Builder gracePeriod(Duration gracePeriod) {
            this.gracePeriod = nonNegative(gracePeriod, "gracePeriod");
            return this;
        }

        /** How long a started process must stay up to count as started; default 1 s. */
        public Builder readinessWindow(Duration readinessWindow) {
            this.readinessWindow = nonNegative(readinessWindow, "readinessWindow");
            return this;
        }

        /** Where {@code <name>.log} files go; default a new temporary directory. */
        public Builder logDirectory(Path logDirectory) {
            this.logDirectory = Objects.requireNonNull(logDirectory, "logDirectory");
            return this;
        }

        /** For the outcomes' and snapshots' timestamps only; waiting uses real time. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ProcessActuator build() {
            return new ProcessActuator(this);
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative, was " + d);
            }
            return d;
        }
    }
}
