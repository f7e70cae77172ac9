package dev.arf.cli;

import dev.arf.config.BlueprintLoader;
import dev.arf.config.GovernanceConfig;
import dev.arf.config.GovernanceLoader;
import dev.arf.config.NotificationsConfig;
import dev.arf.config.NotificationsLoader;
import dev.arf.config.PrometheusSourceLoader;
import dev.arf.config.StoredGovernanceConfig;
import dev.arf.core.access.IssuedToken;
import dev.arf.server.ArfServer;
import dev.arf.store.JdbcReliabilityStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        description = {
            "Run ARF as a service: the engine and its HTTP API (REST under /api/v1, /openapi.json, /health,"
                    + " /ready) on one port, over the store.",
            "The first start with no API token creates an admin token and prints it once, here. SIGTERM or"
                    + " Ctrl-C stops accepting, drains requests in flight and closes the store."
        },
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Mixin
    DataOptions data;

    @Mixin
    PolicyOptions policies;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Governance settings (kind: Governance, examples/governance.yaml) for this run instead"
                    + " of the stored ones ('arf governance settings apply' stores them).")
    Path config;

    @Option(
            names = "--blueprints",
            paramLabel = "DIR",
            description = "Govern with the blueprints of this directory, watched: each change is recorded in the"
                    + " store's history and in force at once (so are PUT /api/v1/blueprints/NAME and 'arf"
                    + " blueprint apply'). Without it, blueprints already in the store govern, if any.")
    Path blueprints;

    @Option(
            names = "--notifications",
            paramLabel = "FILE",
            description = "notifications.yaml: Slack, PagerDuty, Jira, e-mail, retries, anti-spam, SSRF allow-list "
                    + "(webhooks are registered over the API).")
    Path notifications;

    @Option(names = "--demo", description = "Run the simulated fleet, feeding the engine live (and /api/demo/...).")
    boolean demo;

    @Option(
            names = "--demo-speed",
            defaultValue = "1",
            paramLabel = "X",
            description = "With --demo: simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}).")
    double demoSpeed;

    @Option(names = "--seed", defaultValue = "42", description = "With --demo: the simulation's seed.")
    long seed;

    @Option(
            names = "--max-body",
            defaultValue = "1048576",
            paramLabel = "BYTES",
            description = "Largest request body accepted; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(
            names = "--drain",
            defaultValue = "PT10S",
            paramLabel = "DURATION",
            description = "How long a shutdown waits for requests in flight (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(
            names = "--metrics-public",
            description = "Serve /metrics without a token (for a Prometheus that scrapes without one). By"
                    + " default it needs a viewer token: Prometheus sends one with its authorization setting.")
    boolean metricsPublic;

    @Option(
            names = "--prometheus-source",
            paramLabel = "FILE",
            description = "Poll Prometheus for telemetry: per service a PromQL query per metric (seed 001's"
                    + " fetch_metrics; see the root README's \"Running against Prometheus\").")
    Path prometheusSource;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (blueprints != null) {
            new BlueprintLoader().loadDirectory(blueprints); // every problem as file:line:column before anything starts
        }
        var healing = policies.load();
        var source = prometheusSource == null ? null : new PrometheusSourceLoader().load(prometheusSource);
        NotificationsConfig notifying = notifications != null
                ? new NotificationsLoader().load(notifications) // every problem as file:line:column first
                : NotificationsConfig.defaults();
        CountDownLatch stop = new CountDownLatch(1);
        JdbcReliabilityStore store = data.open();
        ArfServer server;
        try {
            GovernanceConfig governance = config != null
                    ? new GovernanceLoader().load(config)
                    : new StoredGovernanceConfig(store).loadOrBuiltIn();
            server = ArfServer.builder(store)
                    .host(host)
                    .port(port)
                    .maxBodyBytes(maxBody)
                    .drainTimeout(drain)
                    .metricsPublic(metricsPublic)
                    .prometheusSource(source)
                    .version(VersionCommand.arfVersion())
                    .notifications(notifying)
                    .runtime(r -> {
                        r.policies(healing).governance(governance).blueprintDirectory(blueprints);
                        if (demo) {
                            r.demo(seed, Duration.ofSeconds(15), demoSpeed);
                        }
                    })
                    .build()
                    .start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        // SIGTERM and Ctrl-C run the JVM's shutdown hooks: this one wakes the command, which shuts down in
        // order, and holds the JVM until that is done (the process then exits with 143 / 130, as usual).
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stop.countDown();
                    try {
                        done.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "arf-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("ARF " + VersionCommand.arfVersion() + " listening on http://" + hostForUrl(host) + ":"
                + server.port() + " (store: " + data.describe() + (demo ? ", demo fleet running" : "") + ")");
        server.bootstrapToken().ifPresent(t -> printBootstrap(out, t));
        out.println("API: /api/v1 (OpenAPI at /openapi.json); stop with Ctrl-C or SIGTERM");
        out.flush();
        stop.await();
        out.println("stopping: no new connections, draining requests in flight");
        out.flush();
        try {
            server.close();
        } finally {
            store.close();
            out.println("stopped; store closed");
            out.flush();
            done.countDown();
        }
        return 0;
    }

    private static void printBootstrap(PrintWriter out, IssuedToken t) {
        out.println("No API token existed, so an admin token was created ("
                + t.token().id() + ").");
        out.println("It is shown this once and stored only as a hash; keep it safe:");
        out.println("admin token: " + t.secret());
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
