package dev.arf.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private, throw-away PostgreSQL server for one test class, from the machine's own binaries:
 * {@code initdb} into a temp directory (trust auth, superuser {@code arf}), {@code pg_ctl start} on a
 * free loopback port with its unix socket in that directory, {@code pg_ctl stop -m fast} and delete
 * after the class. Register it with {@code @RegisterExtension static final PostgresServer PG = new
 * PostgresServer();} and get a fresh database per test from {@link #createDatabase()}.
 *
 * <p>Binaries: {@code -Darf.test.postgres.bin=<dir>}, else {@code pg_config --bindir}, else
 * {@code /usr/lib/postgresql/15/bin}, else the newest {@code /usr/lib/postgresql/<n>/bin}. When none
 * is there the tests FAIL, asking for {@code postgresql-15}; only {@code -Darf.test.postgres=skip}
 * skips them. PostgreSQL refuses to run as root, so as root every server command runs as the
 * {@code postgres} system user through {@code runuser}, in a directory chowned to it.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
    public static final String USER = "arf";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final AtomicInteger databases = new AtomicInteger();
    private Path base;
    private Path bin;
    private List<String> runAs = List.of();
    private int port;
    private Thread shutdownHook;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeFalse(
                "skip".equals(System.getProperty("arf.test.postgres")),
                "PostgreSQL tests skipped on request (-Darf.test.postgres=skip)");
        bin = findBinaries()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found"
                        + " (looked at -Darf.test.postgres.bin, pg_config --bindir, /usr/lib/postgresql/*/bin)."
                        + " Install them: apt-get install -y postgresql-15 (or run .ci/postgres-prereqs.sh),"
                        + " or skip these tests explicitly with -Darf.test.postgres=skip"));
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** A new, empty database on this server; returns its JDBC URL (user {@link #USER}, no password). */
    public String createDatabase() {
        String name = "arf_test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, null);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create database " + name + " on " + this + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    @Override
    public String toString() {
        return "test PostgreSQL at 127.0.0.1:" + port + " (" + base + ")";
    }

    private void start() throws IOException, InterruptedException {
        base = Files.createTempDirectory("arf-pg-");
        if (isRoot()) {
            UserPrincipal postgres =
                    base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(base, postgres);
            runAs = List.of("runuser", "-u", "postgres", "--");
        }
        shutdownHook = new Thread(this::stop, "stop-test-postgres");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Path data = base.resolve("data");
        run(
                "initdb",
                List.of(
                        "-D",
                        data.toString(),
                        "-U",
                        USER,
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "--no-sync",
                        "--no-instructions"));
        // A free port can be taken between probing and binding; try a few.
        String lastLog = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            port = freePort();
            String options = "-c listen_addresses=127.0.0.1 -p " + port + " -k " + base
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            int exit = run(
                    "pg_ctl",
                    List.of(
                            "-D",
                            data.toString(),
                            "-l",
                            base.resolve("server.log").toString(),
                            "-w",
                            "-t",
                            "30",
                            "-o",
                            options,
                            "start"),
                    false);
            if (exit == 0) {
                awaitConnection();
                return;
            }
            lastLog = tail(base.resolve("server.log"));
        }
        throw new IllegalStateException("PostgreSQL did not start in " + base + ":\n" + lastLog);
    }

    /** pg_ctl -w already waited for startup; make sure JDBC gets in too, for a bounded time. */
    private void awaitConnection() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        SQLException last;
        do {
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, null)) {
                if (c.isValid(5)) {
                    return;
                }
                last = new SQLException("connection not valid");
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(50); // real server startup: the one place a short wait is right
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException(
                "PostgreSQL at 127.0.0.1:" + port + " accepted no connection within " + READY_TIMEOUT.toSeconds()
                        + " s: " + last.getMessage(),
                last);
    }

    private synchronized void stop() {
        if (base == null) {
            return;
        }
        try {
            if (Files.exists(base.resolve("data/postmaster.pid"))) {
                run("pg_ctl", List.of("-D", base.resolve("data").toString(), "-m", "fast", "-w", "stop"), false);
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            deleteRecursively(base);
            base = null;
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down
                }
            }
        }
    }

    private void run(String tool, List<String> args) throws IOException, InterruptedException {
        run(tool, args, true);
    }

    private int run(String tool, List<String> args, boolean mustSucceed) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(runAs);
        command.add(bin.resolve(tool).toString());
        command.addAll(args);
        Path output = Files.createTempFile("arf-pg-" + tool, ".out");
        try {
            // Output to a file, not a pipe: the server forked by pg_ctl inherits it and outlives pg_ctl.
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            int exit = process.exitValue();
            if (exit != 0 && mustSucceed) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed with exit code " + exit + ":\n" + tail(output));
            }
            return exit;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Optional<Path> findBinaries() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("arf.test.postgres.bin");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        pgConfigBindir().ifPresent(candidates::add);
        candidates.add(Path.of("/usr/lib/postgresql/15/bin"));
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing(PostgresServer::majorVersion)
                                .reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst();
    }

    private static Optional<Path> pgConfigBindir() {
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 && !out.isEmpty()) {
                return Optional.of(Path.of(out));
            }
        } catch (IOException e) {
            // no pg_config on PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }
}
