package dev.arf.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.ActionOutcome.Status;
import dev.arf.core.execute.Reverts;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.policy.HealingAction;
import dev.arf.testkit.Permits;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesActuatorTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final AtomicInteger KEYS = new AtomicInteger();

    /** One server for the class (starting one costs more than the tests); emptied before each test. */
    static KubernetesMockServer server;

    static KubernetesClient client;

    private Workloads workloads;
    private KubernetesActuator actuator;

    @BeforeEach
    void setUp() {
        server.reset();
        workloads = new Workloads(client);
        actuator = new KubernetesActuator(
                client,
                TargetMapping.inNamespace("prod").with("db", KubernetesTarget.statefulSet("data", "postgres")),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void scalesToAnExplicitCountOrByTheDefaultStep() {
        workloads.deployment("prod", "checkout", 2, Map.of());

        assertThat(run(action(HealingAction.SCALE_OUT, "checkout")).detail())
                .isEqualTo("scaled Deployment prod/checkout from 2 to 3 replicas");
        assertThat(replicas("checkout")).isEqualTo(3);
        assertThat(run(action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "6")))
                        .status())
                .isEqualTo(Status.SUCCEEDED);
        assertThat(replicas("checkout")).isEqualTo(6);
        assertThat(run(action(HealingAction.SCALE_IN, "checkout")).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(replicas("checkout")).isEqualTo(4);

        ActionOutcome wrongWay = run(action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "2")));
        assertThat(wrongWay.status()).isEqualTo(Status.FAILED);
        assertThat(wrongWay.detail()).contains("would shrink", "that is a scale_in");
        assertThat(run(action(HealingAction.SCALE_IN, "checkout", Map.of("replicas", "many")))
                        .detail())
                .contains("whole number");

        assertThat(run(action(HealingAction.SCALE_IN, "checkout", Map.of("replicas", "0")))
                        .status())
                .isEqualTo(Status.SUCCEEDED);
        assertThat(replicas("checkout")).isZero();
    }

    @Test
    void defaultStepsGrowByHalfAndShrinkByAThirdButNeverBelowOne() {
        assertThat(KubernetesActuator.defaultScaleOut(0)).isEqualTo(1);
        assertThat(KubernetesActuator.defaultScaleOut(1)).isEqualTo(2);
        assertThat(KubernetesActuator.defaultScaleOut(4)).isEqualTo(6);
        assertThat(KubernetesActuator.defaultScaleOut(5)).isEqualTo(8);
        assertThat(KubernetesActuator.defaultScaleIn(0)).isZero();
        assertThat(KubernetesActuator.defaultScaleIn(1)).isEqualTo(1);
        assertThat(KubernetesActuator.defaultScaleIn(2)).isEqualTo(1);
        assertThat(KubernetesActuator.defaultScaleIn(9)).isEqualTo(6);

        workloads.deployment("prod", "cache", 1, Map.of());
        ActionOutcome nothing = run(action(HealingAction.SCALE_IN, "cache"));
        assertThat(nothing.status()).isEqualTo(Status.SKIPPED);
        assertThat(nothing.detail()).contains("already has 1 replicas");
        assertThat(replicas("cache")).isEqualTo(1);
    }

    @Test
    void restartSetsTheRestartedAtAnnotationOnThePodTemplateAsKubectlDoes() {
        workloads.deployment("prod", "checkout", 2, Map.of());

        ActionOutcome outcome = run(action(HealingAction.RESTART_CONTAINER, "checkout"));

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(outcome.at()).isEqualTo(NOW);
        Deployment after = deployment("checkout");
        assertThat(after.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(KubernetesActuator.RESTARTED_AT, "2026-11-23T10:15:30Z");
        assertThat(after.getSpec().getReplicas()).isEqualTo(2);

        // a second restart in the same second must still change the template, or nothing would roll
        run(action(HealingAction.RESTART_CONTAINER, "checkout"));
        assertThat(deployment("checkout").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey(KubernetesActuator.RESTARTED_AT);
    }

    @Test
    void rollbackRestoresThePreviousRevisionsPodTemplateOrTheOneAskedFor() {
        Deployment d = workloads.deployment("prod", "payments", 3, Map.of(), "payments:v3", 3L);
        workloads.replicaSet(d, 1, "payments:v1");
        workloads.replicaSet(d, 2, "payments:v2");
        workloads.replicaSet(d, 3, "payments:v3");
        Deployment stranger = workloads.deployment("prod", "payments-canary", 1, Map.of(), "payments:v9", 9L);
        workloads.replicaSet(stranger, 9, "payments:v9"); // same namespace, other owner: not payments' history

        ActionOutcome outcome = run(action(HealingAction.ROLLBACK, "payments"));

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(outcome.detail())
                .isEqualTo(
                        "rolled Deployment prod/payments back from revision 3 to revision 2 (ReplicaSet payments-h2)");
        Deployment after = deployment("payments");
        assertThat(image(after)).isEqualTo("payments:v2");
        assertThat(after.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app", "payments")
                .doesNotContainKey("pod-template-hash");
        assertThat(after.getMetadata().getAnnotations())
                .containsEntry("example.com/change-cause", "deploy payments:v2")
                .containsEntry("deployment.kubernetes.io/revision", "3");

        assertThat(run(action(HealingAction.ROLLBACK, "payments", Map.of("revision", "1")))
                        .status())
                .isEqualTo(Status.SUCCEEDED);
        assertThat(image(deployment("payments"))).isEqualTo("payments:v1");

        ActionOutcome unknown = run(action(HealingAction.ROLLBACK, "payments", Map.of("revision", "7")));
        assertThat(unknown.status()).isEqualTo(Status.FAILED);
        assertThat(unknown.detail()).contains("no such revision", "revisions 1, 2, 3");

        ActionOutcome same = run(action(HealingAction.ROLLBACK, "payments", Map.of("revision", "1")));
        assertThat(same.status()).isEqualTo(Status.SKIPPED);
        assertThat(same.detail()).contains("already runs the pod template of revision 1");
    }

    @Test
    void rollbackWithoutAPreviousRevisionFailsAndSaysWhy() {
        Deployment d = workloads.deployment("prod", "fresh", 1, Map.of(), "fresh:v1", 1L);
        workloads.replicaSet(d, 1, "fresh:v1");
        workloads.deployment("prod", "bare", 1, Map.of());

        ActionOutcome onlyOne = run(action(HealingAction.ROLLBACK, "fresh"));
        assertThat(onlyOne.status()).isEqualTo(Status.FAILED);
        assertThat(onlyOne.detail())
                .isEqualTo("cannot roll back Deployment prod/fresh: no previous revision (it is at revision 1,"
                        + " and has revisions 1)");
        ActionOutcome none = run(action(HealingAction.ROLLBACK, "bare"));
        assertThat(none.status()).isEqualTo(Status.FAILED);
        assertThat(none.detail()).contains("no recorded revisions");
        assertThat(image(deployment("fresh"))).isEqualTo("fresh:v1");
    }

    @Test
    void aRepeatedKeyIsSkippedEvenByAFreshActuatorBecauseTheWorkloadRemembersIt() {
        workloads.deployment("prod", "checkout", 2, Map.of());
        Action scale = action(HealingAction.SCALE_OUT, "checkout");

        assertThat(run(scale).status()).isEqualTo(Status.SUCCEEDED);
        ActionOutcome again = run(scale);
        assertThat(again.status()).isEqualTo(Status.SKIPPED);
        assertThat(again.detail()).contains("already applied", scale.idempotencyKey());

        KubernetesActuator afterRestart =
                new KubernetesActuator(client, TargetMapping.inNamespace("prod"), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(afterRestart.execute(Permits.grant(scale)).status()).isEqualTo(Status.SKIPPED);
        assertThat(replicas("checkout")).isEqualTo(3);
        assertThat(deployment("checkout").getMetadata().getAnnotations())
                .containsEntry(KubernetesActuator.LAST_ACTION_KEY, scale.idempotencyKey());
    }

    @Test
    void theWorkloadRemembersABoundedNumberOfKeys() {
        workloads.deployment("prod", "checkout", 1, Map.of());
        KubernetesActuator forgetful =
                new KubernetesActuator(client, TargetMapping.inNamespace("prod"), Clock.fixed(NOW, ZoneOffset.UTC), 2);
        Action first = action(HealingAction.RESTART_CONTAINER, "checkout");
        Action second = action(HealingAction.RESTART_CONTAINER, "checkout");
        Action third = action(HealingAction.RESTART_CONTAINER, "checkout");
        forgetful.execute(Permits.grant(first));
        forgetful.execute(Permits.grant(second));
        forgetful.execute(Permits.grant(third));

        assertThat(deployment("checkout").getMetadata().getAnnotations())
                .containsEntry(
                        KubernetesActuator.ACTION_KEYS,
                        "[\"" + second.idempotencyKey() + "\",\"" + third.idempotencyKey() + "\"]");
        assertThat(forgetful.execute(Permits.grant(third)).status()).isEqualTo(Status.SKIPPED);
        assertThat(forgetful.execute(Permits.grant(first)).status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void aMissingWorkloadOrAnUnmappedTargetFailsWithAReason() {
        ActionOutcome missing = run(action(HealingAction.RESTART_CONTAINER, "ghost"));
        assertThat(missing.status()).isEqualTo(Status.FAILED);
        assertThat(missing.detail()).isEqualTo("Deployment prod/ghost not found (404): nothing to restart");

        ActionOutcome unmapped = run(action(HealingAction.RESTART_CONTAINER, "Not A Name"));
        assertThat(unmapped.status()).isEqualTo(Status.FAILED);
        assertThat(unmapped.detail()).contains("no Kubernetes workload is mapped");

        assertThat(actuator.snapshot("ghost")).isEmpty();
        assertThat(actuator.status("ghost")).isEmpty();
    }

    @Test
    void handlesOnlyScaleRestartAndRollbackOnMappedTargets() {
        assertThat(actuator.handles(action(HealingAction.SCALE_OUT, "anything-named-well")))
                .isTrue();
        assertThat(actuator.handles(action(HealingAction.ROLLBACK, "db"))).isTrue();
        assertThat(actuator.handles(action(HealingAction.CIRCUIT_BREAKER, "checkout")))
                .isFalse();
        assertThat(actuator.handles(action(HealingAction.SCALE_OUT, "prod/app=web")))
                .isFalse();

        KubernetesActuator only = new KubernetesActuator(
                client,
                TargetMapping.only(Map.of("checkout", KubernetesTarget.deployment("shop", "checkout-v2"))),
                Clock.systemUTC());
        assertThat(only.handles(action(HealingAction.SCALE_OUT, "checkout"))).isTrue();
        assertThat(only.handles(action(HealingAction.SCALE_OUT, "payments"))).isFalse();
    }

    @Test
    void aSnapshotTakenBeforeAScaleLetsItsRevertRestoreTheReplicaCount() {
        workloads.deployment("prod", "checkout", 3, Map.of());
        TargetSnapshot before = actuator.snapshot("checkout").orElseThrow();
        assertThat(before.get(TargetSnapshot.REPLICAS)).contains("3");

        Action scale = action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "8"));
        assertThat(run(scale).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(replicas("checkout")).isEqualTo(8);

        Action revert = Reverts.of(scale, before, "latency got worse", NOW).orElseThrow();
        assertThat(revert.type()).isEqualTo(HealingAction.SCALE_IN);
        assertThat(run(revert).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(replicas("checkout")).isEqualTo(3);
    }

    @Test
    void aSnapshotTakenBeforeARollbackLetsItsRevertRollForwardAgain() {
        Deployment d = workloads.deployment("prod", "payments", 2, Map.of(), "payments:v2", 2L);
        workloads.replicaSet(d, 1, "payments:v1");
        workloads.replicaSet(d, 2, "payments:v2");
        TargetSnapshot before = actuator.snapshot("payments").orElseThrow();
        assertThat(before.get(TargetSnapshot.REVISION)).contains("2");

        Action rollback = action(HealingAction.ROLLBACK, "payments");
        assertThat(run(rollback).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(image(deployment("payments"))).isEqualTo("payments:v1");

        Action revert = Reverts.of(rollback, before, "errors went up", NOW).orElseThrow();
        assertThat(run(revert).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(image(deployment("payments"))).isEqualTo("payments:v2");
    }

    @Test
    void statefulSetsScaleRestartAndRollBackThroughTheirControllerRevisions() {
        StatefulSet sts = workloads.statefulSet("data", "postgres", 3, "postgres:16");
        workloads.controllerRevision(sts, 1, "postgres:15");
        workloads.controllerRevision(sts, 2, "postgres:16");

        assertThat(run(action(HealingAction.SCALE_IN, "db")).detail())
                .isEqualTo("scaled StatefulSet data/postgres from 3 to 2 replicas");
        assertThat(run(action(HealingAction.RESTART_CONTAINER, "db")).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(actuator.snapshot("db").orElseThrow().state())
                .containsEntry(TargetSnapshot.REPLICAS, "2")
                .containsEntry(TargetSnapshot.REVISION, "2");

        ActionOutcome rollback = run(action(HealingAction.ROLLBACK, "db"));

        assertThat(rollback.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(rollback.detail()).contains("from revision 2 to revision 1 (ControllerRevision postgres-r1)");
        StatefulSet after = client.apps()
                .statefulSets()
                .inNamespace("data")
                .withName("postgres")
                .get();
        assertThat(after.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .isEqualTo("postgres:15");
        assertThat(after.getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void statusReportsReplicaCountsGenerationAndRevision() {
        Deployment d = workloads.deployment("prod", "checkout", 3, Map.of(), "checkout:v4", 4L);
        d.setStatus(new DeploymentStatusBuilder()
                .withReplicas(3)
                .withReadyReplicas(2)
                .withAvailableReplicas(2)
                .withUpdatedReplicas(3)
                .withObservedGeneration(d.getMetadata().getGeneration())
                .build());
        client.apps().deployments().resource(d).updateStatus();

        WorkloadStatus status = actuator.status("checkout").orElseThrow();

        assertThat(status.desired()).isEqualTo(3);
        assertThat(status.ready()).isEqualTo(2);
        assertThat(status.available()).isEqualTo(2);
        assertThat(status.updated()).isEqualTo(3);
        assertThat(status.observedGenerationCurrent()).isTrue();
        assertThat(status.revision()).contains("4");
        assertThat(status.rolledOut()).isFalse();
    }

    @Test
    void apiErrorsBecomeFailedOutcomesNeverExceptions() {
        String path = "/apis/apps/v1/namespaces/prod/deployments/";
        KubernetesMockServer scriptedServer = new KubernetesMockServer(false);
        scriptedServer.init();
        try (KubernetesClient scripted = scriptedServer.createClient()) {
            Deployment checkout = new Workloads(client).deployment("prod", "checkout", 2, Map.of());
            scriptedServer
                    .expect()
                    .get()
                    .withPath(path + "checkout")
                    .andReturn(200, checkout)
                    .always();
            scriptedServer
                    .expect()
                    .put()
                    .withPath(path + "checkout")
                    .andReturn(409, status(409, "Conflict", "the object has been modified"))
                    .always();
            scriptedServer
                    .expect()
                    .get()
                    .withPath(path + "secret")
                    .andReturn(403, status(403, "Forbidden", "deployments.apps \"secret\" is forbidden"))
                    .always();
            KubernetesActuator scriptedActuator =
                    new KubernetesActuator(scripted, TargetMapping.inNamespace("prod"), Clock.systemUTC());

            ActionOutcome conflict =
                    scriptedActuator.execute(Permits.grant(action(HealingAction.SCALE_OUT, "checkout")));
            assertThat(conflict.status()).isEqualTo(Status.FAILED);
            assertThat(conflict.detail())
                    .startsWith("conflict (409) while scaling out Deployment prod/checkout")
                    .contains("the object has been modified");

            ActionOutcome forbidden =
                    scriptedActuator.execute(Permits.grant(action(HealingAction.RESTART_CONTAINER, "secret")));
            assertThat(forbidden.status()).isEqualTo(Status.FAILED);
            assertThat(forbidden.detail())
                    .startsWith("forbidden (403) while restarting Deployment prod/secret")
                    .contains("is forbidden");
            assertThat(scriptedActuator.snapshot("secret")).isEmpty();
            assertThatThrownBy(() -> scriptedActuator.status("secret"))
                    .isInstanceOf(KubernetesApiException.class)
                    .hasMessageStartingWith("forbidden (403) while reading the status of Deployment prod/secret");
        } finally {
            scriptedServer.destroy();
        }
    }

    @Test
    void resourceRequestsAreSetOnEveryContainerAndRevertedFromTheSnapshot() {
        workloads.deployment("prod", "checkout", 2, Map.of());
        TargetSnapshot before = actuator.snapshot("checkout").orElseThrow();

        Action raise = action(HealingAction.ADJUST_RESOURCES, "checkout", Map.of("memory", "768Mi"));
        ActionOutcome outcome = run(raise);

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.SUCCEEDED);
        assertThat(outcome.detail()).isEqualTo("set the requests of Deployment prod/checkout to memory=768Mi");
        assertThat(deployment("checkout").getSpec().getTemplate().getSpec().getContainers())
                .allSatisfy(c -> assertThat(
                                c.getResources().getRequests().get("memory").toString())
                        .isEqualTo("768Mi"));
        assertThat(actuator.snapshot("checkout").orElseThrow().state()).containsEntry("memory", "768Mi");
        assertThat(run(action(HealingAction.ADJUST_RESOURCES, "checkout", Map.of("memory", "768Mi")))
                        .status())
                .isEqualTo(Status.SKIPPED);
        assertThat(run(action(HealingAction.ADJUST_RESOURCES, "checkout", Map.of("memory", "lots")))
                        .detail())
                .startsWith("memory: ");

        TargetSnapshot raised = actuator.snapshot("checkout").orElseThrow();
        Action lower = action(HealingAction.ADJUST_RESOURCES, "checkout", Map.of("memory", "1Gi"));
        run(lower);
        Action revert = dev.arf.core.execute.Reverts.of(lower, raised, "verification failed", NOW)
                .orElseThrow();
        assertThat(run(revert).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(actuator.snapshot("checkout").orElseThrow().state()).containsEntry("memory", "768Mi");
        assertThat(before.state()).doesNotContainKey("memory");
    }

    @Test
    void anUnreachableApiServerIsAFailedOutcome() {
        try (KubernetesClient nowhere = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder()
                        .withMasterUrl("http://127.0.0.1:1")
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build()) {
            KubernetesActuator unreachable =
                    new KubernetesActuator(nowhere, TargetMapping.inNamespace("prod"), Clock.systemUTC());

            ActionOutcome outcome = unreachable.execute(Permits.grant(action(HealingAction.SCALE_OUT, "checkout")));

            assertThat(outcome.status()).isEqualTo(Status.FAILED);
            assertThat(outcome.detail())
                    .startsWith("cannot reach the Kubernetes API while scaling out Deployment prod/checkout");
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private ActionOutcome run(Action action) {
        return actuator.execute(Permits.grant(action));
    }

    private static Action action(HealingAction type, String target) {
        return action(type, target, Map.of());
    }

    private static Action action(HealingAction type, String target, Map<String, String> parameters) {
        return new Action(
                "test|" + target + "|" + type.key() + "|" + KEYS.incrementAndGet(),
                type,
                target,
                parameters,
                "test",
                "because the test says so",
                NOW,
                Action.CERTAIN);
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace("prod").withName(name).get();
    }

    private int replicas(String name) {
        return deployment(name).getSpec().getReplicas();
    }

    private static String image(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
    }

    private static io.fabric8.kubernetes.api.model.Status status(int code, String reason, String message) {
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .build();
    }
}
