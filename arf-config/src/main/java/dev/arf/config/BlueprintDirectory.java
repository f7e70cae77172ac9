package dev.arf.config;

import dev.arf.core.blueprint.Blueprint;
import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.core.blueprint.BlueprintVersion;
import dev.arf.core.blueprint.GlobalBlueprint;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.BlueprintSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The blueprints of a directory, in force for the Guardian, reloaded when a file changes (issue 3:
 * "hot reload of a blueprints directory"), every change kept in a {@link BlueprintHistory}.
 *
 * <p><b>In force.</b> {@link #current()} returns the catalog of the last directory content that
 * loaded completely; a reload replaces it in one atomic step, so each decision sees one whole
 * version. An edit that does not load — bad YAML, a refused unit, two files for one name — changes
 * nothing in force: the previous catalog stays, and the {@link Listener} is told every problem as
 * {@code file:line:column: field: message}.
 *
 * <p><b>History.</b> Each blueprint is recorded under its {@code metadata.name} with the file's exact
 * text, applied by {@code file:<path relative to the directory>}: at the start (where the text is
 * already the latest version nothing is added) and whenever a reload changes it. A blueprint whose
 * file is gone is recorded as removed (see {@link BlueprintVersion#removed()}). A version is recorded
 * before it is put in force: if the history cannot be written the reload is refused and tried again
 * at the next check, so nothing is ever in force that the history does not hold.
 *
 * <p><b>Watching.</b> {@link #watch} starts one daemon thread that checks the directory when the
 * file system reports an event in it ({@link WatchService}; after a short quiet period, so that an
 * editor's several writes load once) and in any case every poll interval, because some file systems
 * (network mounts, some containers' volumes, macOS's JDK) report late or never. A check compares each
 * file's size, modification time and identity with the last check and reads again what differs, and
 * also what was modified too close to its last read for the time stamp to tell (a file system with
 * coarse time stamps can hide a same-size edit otherwise); then it compares contents by hash, so that
 * touching a file reloads nothing. {@link #reload()} checks at once, on the caller's thread.
 *
 * <p>Thread-safe. Close it to stop the watcher.
 */
public final class BlueprintDirectory implements BlueprintSource, AutoCloseable {
    /** How often the watcher checks without an event. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    /** After an event, how long the directory must stay quiet before it is checked. */
    static final Duration QUIET_PERIOD = Duration.ofMillis(20);
    /** The longest a stream of events can hold a check back. */
    static final Duration MAX_SETTLE = Duration.ofMillis(200);
    /** Time stamps as coarse as this are handled (FAT's 2 s; most file systems are far finer). */
    static final Duration TIMESTAMP_GRANULARITY = Duration.ofSeconds(2);

    private static final int WATCH_DEPTH = 4;

    private final Path directory;
    private final BlueprintLoader loader;
    private final BlueprintHistory history;
    private final Clock clock;
    private final Duration granularity;
    private final AtomicReference<InForce> inForce = new AtomicReference<>();
    private final Object lock = new Object();
    // Guarded by lock.
    private final Map<Path, FileState> files = new HashMap<>();
    private final BlueprintLoader.Cache parsed = new BlueprintLoader.Cache();
    /** What the last check found (file → content hash or read error); null forces the next check to load. */
    private Map<Path, String> lastChecked;

    private Listener listener = Listener.NONE;
    private Thread watcher;
    private WatchService watchService;
    private final Set<Path> watchedDirectories = new HashSet<>();
    private volatile boolean closed;

    private BlueprintDirectory(
            Path directory, BlueprintLoader loader, BlueprintHistory history, Clock clock, Duration granularity) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.granularity = granularity;
    }

    /**
     * Loads {@code directory} and records its blueprints.
     *
     * @throws ConfigException when the directory does not load: nothing would be in force
     * @throws RuntimeException when the history cannot be written
     */
    public static BlueprintDirectory open(Path directory, BlueprintHistory history) {
        return open(directory, new BlueprintLoader(), history, Clock.systemUTC());
    }

    /** As {@link #open(Path, BlueprintHistory)}, with a loader to share and the clock versions are stamped by. */
    public static BlueprintDirectory open(
            Path directory, BlueprintLoader loader, BlueprintHistory history, Clock clock) {
        return open(directory, loader, history, clock, TIMESTAMP_GRANULARITY);
    }

    static BlueprintDirectory open(
            Path directory, BlueprintLoader loader, BlueprintHistory history, Clock clock, Duration granularity) {
        BlueprintDirectory d = new BlueprintDirectory(directory, loader, history, clock, granularity);
        synchronized (d.lock) {
            Outcome first = d.check(true);
            if (first instanceof Rejected r) {
                throw new ConfigException(r.problems());
            }
        }
        return d;
    }

    /** The catalog in force: the last content of the directory that loaded completely. */
    @Override
    public BlueprintCatalog current() {
        return inForce.get().catalog();
    }

    /** The version of each blueprint in force, by name. */
    public Map<String, BlueprintVersion> versions() {
        return inForce.get().versions();
    }

    /** The version of {@code name} in force, if it is. */
    public Optional<BlueprintVersion> version(String name) {
        return Optional.ofNullable(inForce.get().versions().get(name));
    }

    public Path directory() {
        return directory;
    }

    /** The history versions are recorded in. */
    public BlueprintHistory history() {
        return history;
    }

    /**
     * Checks the directory now, on this thread, and reloads it when a file's content changed, as the
     * watcher does; the {@link Listener} (if watching) hears about it too.
     */
    public Outcome reload() {
        ensureOpen();
        synchronized (lock) {
            return check(false);
        }
    }

    /** Starts watching with the {@link #DEFAULT_POLL_INTERVAL} and file system events. */
    public BlueprintDirectory watch(Listener listener) {
        return watch(listener, DEFAULT_POLL_INTERVAL, true);
    }

    /**
     * Starts the watcher thread.
     *
     * @param pollInterval how often to check without an event
     * @param fileEvents whether to also check on the file system's events; without them, changes are
     *     seen within one poll interval
     * @throws IllegalStateException when already watching or closed
     */
    public BlueprintDirectory watch(Listener listener, Duration pollInterval, boolean fileEvents) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, got " + pollInterval);
        }
        synchronized (lock) {
            ensureOpen();
            if (watcher != null) {
                throw new IllegalStateException("already watching " + directory);
            }
            this.listener = listener;
            if (fileEvents) {
                try {
                    watchService = directory.getFileSystem().newWatchService();
                } catch (IOException | UnsupportedOperationException e) {
                    watchService = null; // polling alone then
                }
                registerDirectories();
            }
            watcher = Thread.ofPlatform()
                    .daemon()
                    .name("arf-blueprints " + directory.getFileName())
                    .unstarted(() -> watchLoop(pollInterval));
            watcher.start();
        }
        return this;
    }

    /** Whether a watcher thread runs. */
    public boolean watching() {
        Thread t = watcher;
        return t != null && t.isAlive();
    }

    /** Stops the watcher and waits for it (a reload in progress finishes first). Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            t = watcher;
            if (watchService != null) {
                try {
                    watchService.close();
                } catch (IOException e) {
                    // closing; the thread stops on the flag anyway
                }
            }
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "BlueprintDirectory[" + directory + ", "
                + inForce.get().versions().size() + " in force]";
    }

    // ---------------------------------------------------------------- outcomes and the listener

    /** What a check found. */
    public sealed interface Outcome permits Unchanged, Reloaded, Rejected {}

    /** No blueprint's content changed since the last check. */
    public record Unchanged() implements Outcome {}

    /**
     * A new catalog is in force.
     *
     * @param changed blueprints added or whose text changed, sorted
     * @param removed blueprints no longer in force (their file is gone), sorted
     * @param versions the versions this reload recorded, removals included, in name order
     * @param catalog the catalog now in force
     */
    public record Reloaded(
            List<String> changed,
            List<String> removed,
            List<BlueprintVersion> versions,
            BlueprintCatalog catalog,
            Instant at)
            implements Outcome {
        public Reloaded {
            changed = List.copyOf(changed);
            removed = List.copyOf(removed);
            versions = List.copyOf(versions);
        }
    }

    /**
     * The directory's new content was refused; the previous catalog stays in force.
     *
     * @param problems every problem, as {@code file:line:column: field: message}
     */
    public record Rejected(List<ConfigProblem> problems, Instant at) implements Outcome {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Hears about reloads, on the watcher's thread (or the thread calling {@link #reload()}), one at a
     * time and in order. What it throws is ignored: the watcher goes on.
     */
    public interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void reloaded(Reloaded reload) {}

            @Override
            public void rejected(Rejected rejection) {}
        };

        void reloaded(Reloaded reload);

        void rejected(Rejected rejection);
    }

    // ---------------------------------------------------------------- checking and loading

    /** What is in force: the catalog, the version of each name, and the file each came from. */
    private record InForce(
            BlueprintCatalog catalog, Map<String, BlueprintVersion> versions, Map<String, Path> sources) {}

    /** The last read of one file. */
    private record FileState(long size, Instant modified, Object key, Instant readAt, byte[] bytes, String hash) {}

    /** Called with the lock held. */
    private Outcome check(boolean first) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Path> paths;
        try {
            paths = loader.files(directory);
        } catch (ConfigException e) {
            return rejected(first, Map.of(directory, "unlisted: " + e.getMessage()), e.problems(), now);
        }
        Map<Path, String> seen = new TreeMap<>();
        List<ConfigProblem> readProblems = new ArrayList<>();
        for (Path path : paths) {
            try {
                seen.put(path, read(path).hash());
            } catch (ConfigException e) {
                files.remove(path);
                readProblems.addAll(e.problems());
                seen.put(path, "unreadable: " + e.getMessage());
            }
        }
        files.keySet().retainAll(seen.keySet());
        if (!first && seen.equals(lastChecked)) {
            return new Unchanged();
        }
        if (!readProblems.isEmpty()) {
            return rejected(first, seen, readProblems, now);
        }
        List<BlueprintLoader.Source> sources = new ArrayList<>();
        for (Path path : seen.keySet()) {
            sources.add(
                    new BlueprintLoader.Source(path.toString(), files.get(path).bytes()));
        }
        List<Blueprint> blueprints;
        try {
            blueprints = loader.loadAll(sources, parsed);
        } catch (ConfigException e) {
            return rejected(first, seen, e.problems(), now);
        }
        List<Path> order = List.copyOf(seen.keySet());
        Map<String, Path> byName = new TreeMap<>();
        Map<String, String> texts = new HashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        Path global = null;
        for (int i = 0; i < blueprints.size(); i++) {
            Blueprint b = blueprints.get(i);
            Path path = order.get(i);
            String name = b.metadata().name();
            Path other = byName.putIfAbsent(name, path);
            if (other != null) {
                problems.add(new ConfigProblem(
                        path.toString(),
                        1,
                        1,
                        "metadata.name",
                        "the name '" + name + "' is also used by " + other
                                + "; one directory holds one blueprint per name (one environment)"));
            }
            if (b instanceof GlobalBlueprint) {
                if (global != null) {
                    problems.add(new ConfigProblem(
                            path.toString(),
                            1,
                            1,
                            "kind",
                            "a second global blueprint; the first is " + global
                                    + " (one directory holds the global rules of one environment)"));
                }
                global = path;
            }
            texts.put(name, new String(files.get(path).bytes(), StandardCharsets.UTF_8));
        }
        BlueprintCatalog catalog = null;
        if (problems.isEmpty()) {
            try {
                catalog = BlueprintCatalog.of(blueprints);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(directory.toString(), 1, 1, FieldPath.DOCUMENT, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            return rejected(first, seen, problems, now);
        }
        // Record, then put in force: nothing is in force that the history does not hold.
        InForce before = inForce.get();
        Map<String, BlueprintVersion> versions = new TreeMap<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<BlueprintVersion> recorded = new ArrayList<>();
        try {
            for (Map.Entry<String, Path> e : byName.entrySet()) {
                String name = e.getKey();
                String text = texts.get(name);
                BlueprintVersion previous =
                        before == null ? null : before.versions().get(name);
                if (previous != null && previous.sha256().equals(BlueprintVersion.sha256(text))) {
                    versions.put(name, previous);
                    continue;
                }
                BlueprintVersion v = history.record(
                        name, text, appliedBy(e.getValue()), first ? "loaded from " + directory : "hot reload", now);
                versions.put(name, v);
                if (previous == null || previous.version() != v.version()) {
                    changed.add(name);
                    recorded.add(v);
                }
            }
            if (before != null) {
                for (Map.Entry<String, Path> e : before.sources().entrySet()) {
                    if (!byName.containsKey(e.getKey())) {
                        removed.add(e.getKey());
                        history.recordRemoval(e.getKey(), appliedBy(e.getValue()), "file removed", now)
                                .ifPresent(recorded::add);
                    }
                }
            }
        } catch (RuntimeException e) {
            if (first) {
                throw e;
            }
            lastChecked = null; // try again at the next check
            return notify(new Rejected(
                    List.of(new ConfigProblem(
                            directory.toString(),
                            1,
                            1,
                            FieldPath.DOCUMENT,
                            "the new blueprints were not put in force: their versions cannot be recorded in the"
                                    + " history (" + e.getMessage() + "); trying again at the next check")),
                    now));
        }
        lastChecked = seen;
        if (changed.isEmpty() && removed.isEmpty() && !first) {
            // e.g. a file renamed, its text the same: the same catalog stays in force
            inForce.set(new InForce(before.catalog(), before.versions(), Map.copyOf(byName)));
            return new Unchanged();
        }
        inForce.set(new InForce(catalog, Map.copyOf(versions), Map.copyOf(byName)));
        recorded.sort(java.util.Comparator.comparing(BlueprintVersion::name));
        return notify(new Reloaded(changed, removed, recorded, catalog, now));
    }

    private Outcome rejected(boolean first, Map<Path, String> seen, List<ConfigProblem> problems, Instant now) {
        if (first) {
            return new Rejected(problems, now);
        }
        // the same broken content is reported once, not at every check
        lastChecked = seen;
        return notify(new Rejected(problems, now));
    }

    private Outcome notify(Outcome outcome) {
        try {
            switch (outcome) {
                case Reloaded r -> listener.reloaded(r);
                case Rejected r -> listener.rejected(r);
                case Unchanged u -> {}
            }
        } catch (RuntimeException e) {
            // a listener's failure is its own; the directory stays watched
        }
        return outcome;
    }

    private String appliedBy(Path file) {
        return "file:" + directory.relativize(file).toString().replace('\\', '/');
    }

    /**
     * The file's content, read again only when its size, modification time or identity changed, or
     * when it was modified too close to its last read for the time stamp to tell. Called with the lock.
     */
    private FileState read(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(
                    path.toString(),
                    1,
                    1,
                    FieldPath.DOCUMENT,
                    "cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage())));
        }
        Instant modified = attributes.lastModifiedTime().toInstant();
        FileState cached = files.get(path);
        if (cached != null
                && cached.size() == attributes.size()
                && cached.modified().equals(modified)
                && Objects.equals(cached.key(), attributes.fileKey())
                && modified.isBefore(cached.readAt().minus(granularity))) {
            return cached;
        }
        Instant readAt = Instant.now();
        byte[] bytes = SourceBytes.read(path, "blueprint file");
        FileState state =
                new FileState(attributes.size(), modified, attributes.fileKey(), readAt, bytes, sha256(bytes));
        files.put(path, state);
        return state;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    // ---------------------------------------------------------------- the watcher thread

    private void watchLoop(Duration pollInterval) {
        while (!closed) {
            try {
                awaitChange(pollInterval);
                if (closed) {
                    return;
                }
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                    check(false);
                    if (watchService != null) {
                        registerDirectories();
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException e) {
                // a check never throws for the directory's content; keep watching whatever happened
                notify(new Rejected(
                        List.of(new ConfigProblem(
                                directory.toString(),
                                1,
                                1,
                                FieldPath.DOCUMENT,
                                "the check failed: " + e.getClass().getSimpleName() + " " + e.getMessage())),
                        clock.instant()));
            }
        }
    }

    /** Returns after an event and a quiet period, or after the poll interval without one. */
    private void awaitChange(Duration pollInterval) throws InterruptedException {
        WatchService ws = watchService;
        if (ws == null) {
            Thread.sleep(pollInterval); // the polling fallback's interval, not a wait for something
            return;
        }
        WatchKey key = ws.poll(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
        if (key == null) {
            return;
        }
        drain(key);
        long settleBy = System.nanoTime() + MAX_SETTLE.toNanos();
        while (System.nanoTime() < settleBy) {
            WatchKey more = ws.poll(QUIET_PERIOD.toNanos(), TimeUnit.NANOSECONDS);
            if (more == null) {
                return;
            }
            drain(more);
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /** Registers the directory and its sub-directories (as deep as the loader reads) not yet registered. */
    private void registerDirectories() {
        WatchService ws = watchService;
        if (ws == null) {
            return;
        }
        watchedDirectories.removeIf(d -> !Files.isDirectory(d));
        try (Stream<Path> walk = Files.walk(directory, WATCH_DEPTH - 1)) {
            for (Path d : walk.filter(Files::isDirectory)
                    .filter(d -> !BlueprintLoader.hidden(directory, d))
                    .toList()) {
                if (watchedDirectories.add(d)) {
                    d.register(
                            ws,
                            StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
        } catch (IOException | RuntimeException e) {
            // polling still sees every change, within one interval
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the blueprint directory " + directory + " is closed");
        }
    }
}
