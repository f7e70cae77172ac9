package dev.arf.cli;

import dev.arf.config.BlueprintLoader;
import dev.arf.config.StoredGovernanceConfig;
import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.StoredGuardianMemory;
import dev.arf.core.governance.StoredKillSwitch;
import dev.arf.core.governance.StoredMaintenanceCalendar;
import dev.arf.core.policy.HealingAction;
import dev.arf.kubernetes.KubernetesActuator;
import dev.arf.kubernetes.TargetMapping;
import dev.arf.store.JdbcReliabilityStore;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A person's action on a Kubernetes workload, through exactly the path every automated action takes:
 * the Guardian (blueprints, kill switch, maintenance windows, cooldowns, budgets, breakers, locks and
 * approvals, with their state in the store), the audit trail (intent before acting), then the
 * Kubernetes actuator. There is no way around it: the actuator acts only on the Guardian's permit.
 */
@Command(
        name = "act",
        description = {
            "Scale, restart or roll back a Kubernetes workload through the Guardian, as a person.",
            "Exit codes: 0 done (or nothing to do), 3 refused or awaiting approval, 4 failed."
        },
        mixinStandardHelpOptions = true)
final class ActCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "scale_out, scale_in, restart_container or rollback.")
    String actionName;

    @Parameters(index = "1", paramLabel = "SERVICE", description = "The service (its Deployment's name).")
    String service;

    @Option(names = "--replicas", description = "For scale_out / scale_in: the replica count to reach.")
    Integer replicas;

    @Option(names = "--revision", description = "For rollback: the revision to return to (default: the previous).")
    String revision;

    @Option(names = "--blueprints", required = true, paramLabel = "DIR", description = "The blueprints that govern.")
    Path blueprints;

    @Option(
            names = "--namespace",
            defaultValue = "default",
            description = "Kubernetes namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(
            names = "--kube-api",
            paramLabel = "URL",
            description = "API server URL; by default the kubeconfig / in-cluster configuration.")
    String kubeApi;

    @Option(
            names = "--as",
            required = true,
            paramLabel = "NAME",
            description = "Who acts (recorded on the audit trail).")
    String who;

    @Option(names = "--reason", defaultValue = "manual action", description = "Why, for the audit trail.")
    String reason;

    @Option(names = "--dry-run", description = "Check every gate, change nothing.")
    boolean dryRun;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HealingAction type = HealingAction.byKey(actionName.toLowerCase(Locale.ROOT))
                .filter(t -> t == HealingAction.SCALE_OUT
                        || t == HealingAction.SCALE_IN
                        || t == HealingAction.RESTART_CONTAINER
                        || t == HealingAction.ROLLBACK
                        || t == HealingAction.DELETE_DEPLOYMENT)
                .orElseThrow(() -> new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "unknown action '" + actionName + "'; use scale_out, scale_in, restart_container or rollback"));
        Map<String, String> parameters = new LinkedHashMap<>();
        if (replicas != null) {
            if (replicas < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--replicas must be 0 or more");
            }
            parameters.put("replicas", Integer.toString(replicas));
        }
        if (revision != null) {
            parameters.put("revision", revision);
        }
        BlueprintCatalog catalog = BlueprintCatalog.of(new BlueprintLoader().loadDirectory(blueprints));
        Clock clock = Clock.systemUTC();
        Config config = kubeApi == null
                ? new ConfigBuilder().withRequestRetryBackoffLimit(1).build()
                : new ConfigBuilder(Config.empty())
                        .withMasterUrl(kubeApi)
                        .withTrustCerts(true)
                        .withRequestRetryBackoffLimit(1)
                        .build();
        try (KubernetesClient client =
                        new KubernetesClientBuilder().withConfig(config).build();
                JdbcReliabilityStore store = data.open()) {
            KubernetesActuator actuator = new KubernetesActuator(client, TargetMapping.inNamespace(namespace), clock);
            ApprovalBook approvals = ApprovalsCommand.book(store);
            Guardian guardian = new StoredGovernanceConfig(store)
                    .loadOrBuiltIn()
                    .dryRunIf(dryRun)
                    .configure(Guardian.builder(clock, catalog))
                    .killSwitch(new StoredKillSwitch(store))
                    .memory(new StoredGuardianMemory(store))
                    .maintenance(new StoredMaintenanceCalendar(store))
                    .approvals(approvals)
                    .build();
            // No blueprints for the engine: a one-shot command cannot wait out a stabilisation period.
            ReliabilityEngine engine = ReliabilityEngine.builder()
                    .clock(clock)
                    .store(store)
                    .audit(store.audit())
                    .approvals(approvals)
                    .gate(guardian)
                    .actuator(actuator)
                    .flushInterval(Duration.ofSeconds(1))
                    .build();
            Action action = new Action(
                    "person|" + who + "|" + type.key() + "|" + service + "|" + clock.millis(),
                    type,
                    service,
                    parameters,
                    "person:" + who,
                    reason,
                    clock.instant(),
                    Action.CERTAIN);
            ActionOutcome outcome = engine.propose(action);
            engine.close();
            String line = type.key() + " on " + service + ": "
                    + outcome.status().name().toLowerCase(Locale.ROOT) + " — " + outcome.detail();
            switch (outcome.status()) {
                case SUCCEEDED, SKIPPED -> {
                    out.println(line);
                    out.flush();
                    return 0;
                }
                case REFUSED -> {
                    err.println(line);
                    err.flush();
                    return 3;
                }
                default -> {
                    err.println(line);
                    err.flush();
                    return 4;
                }
            }
        }
    }
}
