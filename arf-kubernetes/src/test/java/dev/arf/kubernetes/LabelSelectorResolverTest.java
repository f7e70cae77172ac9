package dev.arf.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class LabelSelectorResolverTest {
    static KubernetesClient client;

    private static LabelSelectorResolver resolver;

    /** The tests only read, so the cluster is built once. */
    @BeforeAll
    static void cluster() {
        Workloads w = new Workloads(client);
        w.deployment("prod", "web-a", 2, Map.of("app", "shop", "tier", "web"));
        w.deployment("prod", "web-b", 2, Map.of("app", "shop", "tier", "web"));
        w.deployment("prod", "worker", 1, Map.of("app", "shop", "tier", "batch"));
        w.deployment("prod", "search", 1, Map.of("app", "search", "app.kubernetes.io/name", "search"));
        w.deployment("stage", "web-a", 1, Map.of("app", "shop", "tier", "web"));
        w.statefulSet("data", "postgres", 1, "postgres:16");
        resolver = new LabelSelectorResolver(
                client, TargetMapping.inNamespace("prod").with("db", KubernetesTarget.statefulSet("data", "postgres")));
    }

    @Test
    void aSelectorResolvesToTheDeploymentsItMatchesInItsNamespace() {
        assertThat(resolver.resolve("prod/app=nothing")).isEmpty();
        assertThat(resolver.resolve("prod/tier=batch")).containsExactly("worker");
        assertThat(resolver.resolve("prod/app=shop,tier=web")).containsExactly("web-a", "web-b");
        assertThat(resolver.resolve("prod/app=shop")).containsExactly("web-a", "web-b", "worker");
        assertThat(resolver.resolve("stage/app=shop")).containsExactly("web-a");
        assertThat(resolver.resolve("prod/app==shop, tier!=web")).containsExactly("worker");
        assertThat(resolver.resolve("prod/app.kubernetes.io/name=search")).containsExactly("search");
    }

    @Test
    void withoutANamespaceASelectorUsesTheDefaultOneIfThereIsOne() {
        assertThat(resolver.resolve("tier=web")).containsExactly("web-a", "web-b");
        assertThat(resolver.resolve("app.kubernetes.io/name=search")).containsExactly("search");
        LabelSelectorResolver explicitOnly = new LabelSelectorResolver(
                client, TargetMapping.only(Map.of("web", KubernetesTarget.deployment("prod", "web-a"))));
        assertThat(explicitOnly.resolve("tier=web")).isEmpty();
        assertThat(explicitOnly.resolve("prod/tier=web")).containsExactly("web-a", "web-b");
        assertThat(explicitOnly.resolve("web")).containsExactly("web");
        assertThat(explicitOnly.resolve("web-a")).isEmpty();
    }

    @Test
    void aServiceNameResolvesToItselfOnlyIfItsWorkloadExists() {
        assertThat(resolver.resolve("worker")).containsExactly("worker");
        assertThat(resolver.resolve("db")).containsExactly("db");
        assertThat(resolver.resolve("ghost")).isEmpty();
        assertThat(resolver.resolve("Not A Name")).isEmpty();
    }

    @Test
    void anEmptyOrUnparsableSelectorMeansNothingNeverEverything() {
        for (String nothing : new String[] {
            "",
            " ",
            "prod/",
            "prod/=shop",
            "prod/app=shop,",
            "prod/app=shop,,tier=web",
            "prod/app in (shop)",
            "prod/app=sh op",
            "prod/app=shop,app=search",
            "prod/-app=shop",
            "PROD/app=shop,tier",
        }) {
            assertThat(resolver.resolve(nothing)).as("'%s'", nothing).isEmpty();
        }
    }

    @Test
    void anApiFailureThrowsSoTheGuardianRefusesWithTheReason() {
        KubernetesMockServer scripted = new KubernetesMockServer(false);
        scripted.init();
        try (KubernetesClient c = scripted.createClient()) {
            scripted.expect()
                    .get()
                    .withPath("/apis/apps/v1/namespaces/prod/deployments?labelSelector=app%3Dshop")
                    .andReturn(
                            403,
                            new StatusBuilder()
                                    .withCode(403)
                                    .withMessage("deployments.apps is forbidden")
                                    .build())
                    .always();
            LabelSelectorResolver denied = new LabelSelectorResolver(c, TargetMapping.inNamespace("prod"));

            assertThatThrownBy(() -> denied.resolve("prod/app=shop"))
                    .isInstanceOf(KubernetesApiException.class)
                    .hasMessageStartingWith("forbidden (403) while listing Deployments in prod matching app=shop")
                    .hasMessageContaining("deployments.apps is forbidden");
        } finally {
            scripted.destroy();
        }
    }
}
