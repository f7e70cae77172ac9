package dev.arf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code arf act} against a Kubernetes API (fabric8's mock server in CRUD mode): a person's action goes
 * through the same Guardian, approvals and audit trail as ARF's own, and only then reaches the cluster.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesActE2E {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dataDir;

    @TempDir
    Path blueprints;

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

    @BeforeEach
    void checkoutRunsTwoReplicasInStage() throws IOException {
        server.reset();
        Deployment checkout = new DeploymentBuilder()
                .withNewMetadata()
                .withName("checkout")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", "checkout")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "checkout")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("shop/checkout:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        client.apps().deployments().inNamespace("shop").resource(checkout).create();
        String blueprint = Files.readString(Path.of("..", "examples", "blueprints", "checkout.yaml"))
                .replace("  criticality: critical\n", "  criticality: critical\n  environment: stage\n");
        Files.writeString(blueprints.resolve("checkout.yaml"), blueprint);
    }

    private Run act(String... args) {
        String[] common = {
            "--blueprints", blueprints.toString(),
            "--namespace", "shop",
            "--kube-api", client.getConfiguration().getMasterUrl(),
            "--data-dir", dataDir.toString()
        };
        String[] all = new String[1 + args.length + common.length];
        all[0] = "act";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(common, 0, all, 1 + args.length, common.length);
        return arf(all);
    }

    private int replicas() {
        return client.apps()
                .deployments()
                .inNamespace("shop")
                .withName("checkout")
                .get()
                .getSpec()
                .getReplicas();
    }

    @Test
    void aScaleWithinTheBlueprintsLimitsRunsAndIsOnTheAuditTrail() {
        Run run = act("scale_out", "checkout", "--replicas", "4", "--as", "alice", "--reason", "launch");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("scale_out on checkout: succeeded");
        assertThat(replicas()).isEqualTo(4);
        assertThat(arf("audit", "tail", "-n", "50", "--data-dir", dataDir.toString())
                        .out())
                .contains("EXECUTION_GATE_PASSED", "ORCH_INTENT", "ORCH_EXEC", "person:alice");
        assertThat(arf("audit", "verify", "--data-dir", dataDir.toString()).exitCode())
                .isZero();
    }

    @Test
    void deletingTheDeploymentIsRefusedAndTheClusterIsUntouched() {
        Run run = act("delete_deployment", "checkout", "--as", "mallory");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("ACTION_FORBIDDEN").contains("scale_to_zero");
        assertThat(client.apps()
                        .deployments()
                        .inNamespace("shop")
                        .withName("checkout")
                        .get())
                .isNotNull();
    }

    @Test
    void scalingBeyondTheMaximumWaitsForAnApproverThenRunsOnce() {
        Run asked = act("scale_out", "checkout", "--replicas", "12", "--as", "alice");
        assertThat(asked.exitCode()).isEqualTo(3);
        assertThat(asked.err()).contains("APPROVAL_REQUIRED").contains("devops-team");
        assertThat(replicas()).isEqualTo(2);
        String id = asked.err().replaceAll("(?s).*awaiting approval (APR-[0-9A-F]+).*", "$1");

        Run approved = arf("approvals", "approve", id, "--as", "bob", "--data-dir", dataDir.toString());
        assertThat(approved.exitCode()).as(approved.err()).isZero();

        Run again = act("scale_out", "checkout", "--replicas", "12", "--as", "alice");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(replicas()).isEqualTo(12);
    }

    @Test
    void theKillSwitchStopsAPersonsActionToo() {
        arf("governance", "kill-switch", "on", "--actor", "alice", "--data-dir", dataDir.toString());
        Run run = act("restart_container", "checkout", "--as", "alice");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("KILL_SWITCH_ENGAGED");
    }
}
