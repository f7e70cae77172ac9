package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.blueprint.ApprovalRule;
import dev.arf.core.blueprint.Blueprint;
import dev.arf.core.blueprint.BlueprintDiff;
import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.core.blueprint.BlueprintVersion;
import dev.arf.core.blueprint.GlobalBlueprint;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.InMemoryBlueprintHistory;
import dev.arf.core.blueprint.PerformanceTargets;
import dev.arf.core.blueprint.ServiceBlueprint;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlueprintWriterTest {
    private static final BlueprintLoader LOADER = new BlueprintLoader();
    private static final BlueprintWriter WRITER = new BlueprintWriter(LOADER);

    private static List<Blueprint> everyExample() {
        List<Blueprint> all = new ArrayList<>();
        all.addAll(LOADER.loadDirectory(Path.of("..", "examples", "blueprints")));
        all.addAll(LOADER.loadDirectory(Path.of("..", "examples", "blueprints-sim")));
        for (String name : List.of("quick-start.yaml", "service-name.yaml", "global.yaml")) {
            all.add(LOADER.load(BlueprintLoaderTest.resource(name), name));
        }
        all.add(LOADER.load(BlueprintLoaderTest.VALID, "valid.yaml"));
        return all;
    }

    @Test
    void everyExampleBlueprintReadsBackEqualFromWhatIsWritten() {
        List<Blueprint> examples = everyExample();
        assertThat(examples).hasSizeGreaterThan(8).hasAtLeastOneElementOfType(GlobalBlueprint.class);
        for (Blueprint b : examples) {
            String yaml = WRITER.write(b);
            Blueprint back = LOADER.load(yaml, "written.yaml");
            assertThat(back).as(yaml).isEqualTo(b);
            assertThat(WRITER.write(back)).as("writing is deterministic").isEqualTo(yaml);
        }
    }

    @Test
    void theTextIsSeed002sFormat() {
        ServiceBlueprint checkout =
                (ServiceBlueprint) LOADER.load(Path.of("..", "examples", "blueprints", "checkout.yaml"));
        assertThat(WRITER.write(checkout)).isEqualTo("""
                        metadata:
                          name: checkout
                          version: "1.0.0"
                          environment: prod
                          priority: high
                          criticality: critical
                        spec:
                          scaling:
                            min_replicas: 2
                            max_replicas: 10
                            target_cpu_utilization: 70%
                            scale_up_threshold: 80%
                            scale_down_threshold: 40%
                          resources:
                            cpu:
                              min: 100m
                              target: 500m
                              max: "1"
                            memory:
                              min: 128Mi
                              target: 512Mi
                              max: 2Gi
                          performance:
                            latency_target_p95: 200ms
                            error_rate_threshold: 1%
                        governance:
                          agent_authority:
                            allowed_operations: [adjust_resources_within_bounds, restart_pods, scale_within_limits]
                            requires_approval:
                              - operation: scale_beyond_limits
                                condition: "target_replicas > max_replicas"
                                approvers: [devops-team]
                            forbidden_operations: [change_rbac, delete_deployment, modify_namespace]
                        verification:
                          enabled: true
                          stabilization_period: 60s
                          checks:
                            - name: latency_p95
                              type: threshold
                              target: "< 200ms"
                              critical: true
                              rollback_trigger: true
                            - name: error_rate
                              type: threshold
                              target: "< 1%"
                              critical: true
                              rollback_trigger: true
                          rollback:
                            enabled: true
                            automatic: true
                            trigger_on_critical_failure: true
                        """);
    }

    @Test
    void aGlobalBlueprintWithoutRulesStillHasItsGovernanceSection() {
        GlobalBlueprint empty = new GlobalBlueprint(
                LOADER.load(BlueprintLoaderTest.resource("global.yaml"), "g.yaml")
                        .metadata(),
                dev.arf.core.blueprint.Environment.STAGE,
                GovernanceRules.none());
        String yaml = WRITER.write(empty);
        assertThat(yaml).startsWith("kind: GlobalBlueprint\n").contains("agent_authority: {}");
        assertThat(LOADER.load(yaml, "g.yaml")).isEqualTo(empty);
    }

    @Test
    void anAmendedBlueprintIsRecordedAsTheNextVersionWithItsDiff() {
        BlueprintHistory history = new InMemoryBlueprintHistory();
        ServiceBlueprint v1 = (ServiceBlueprint) LOADER.load(BlueprintLoaderTest.VALID, "checkout.yaml");
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        history.record("checkout", BlueprintLoaderTest.VALID, "file:checkout.yaml", "", t0);

        ServiceBlueprint amended = v1.withMaxReplicas(16);
        BlueprintVersion v2 = history.record(
                "checkout",
                WRITER.write(amended),
                "approval:req-7",
                "approved scale beyond limits",
                t0.plusSeconds(60));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(LOADER.load(v2.yaml(), "v2")).isEqualTo(amended);
        ServiceBlueprint back = (ServiceBlueprint)
                LOADER.load(history.latest("checkout").orElseThrow().yaml(), "x");
        assertThat(back.scaling().maxReplicas()).isEqualTo(16);
        assertThat(back.metadata().version()).isEqualTo("1.0.1");
        assertThat(BlueprintDiff.unified(history.version("checkout", 1).orElseThrow(), v2))
                .contains("+    max_replicas: 16");
        assertThat(history.record("checkout", WRITER.write(amended), "approval:req-7", "again", t0.plusSeconds(120))
                        .version())
                .as("the same blueprint written again is the same text: no new version")
                .isEqualTo(2);
    }

    @Test
    void whatTheFormatCannotSayIsRefusedNotWrittenWrong() {
        ServiceBlueprint valid = (ServiceBlueprint) LOADER.load(BlueprintLoaderTest.VALID, "v.yaml");
        PerformanceTargets subMillisecond = new PerformanceTargets(
                Optional.of(Duration.ofNanos(1_500_000)), Optional.empty(), Optional.empty(), OptionalDouble.empty());
        assertThatThrownBy(() -> WRITER.write(new ServiceBlueprint(
                        valid.metadata(),
                        valid.environment(),
                        valid.scaling(),
                        valid.resources(),
                        subMillisecond,
                        valid.governance(),
                        valid.verification())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a whole number of milliseconds");

        GovernanceRules contradictory = new GovernanceRules(Set.of("restart_pods"), List.of(), Set.of("restart_pods"));
        assertThatThrownBy(() -> WRITER.write(new ServiceBlueprint(
                        valid.metadata(),
                        valid.environment(),
                        valid.scaling(),
                        valid.resources(),
                        valid.performance(),
                        contradictory,
                        valid.verification())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("governance.agent_authority.forbidden_operations[0]")
                .hasMessageContaining("both allowed");

        GovernanceRules duplicateApprovers = new GovernanceRules(
                Set.of(), List.of(new ApprovalRule("scale_beyond_limits", "", List.of("sre", "sre"))), Set.of());
        assertThatThrownBy(() ->
                        WRITER.write(new GlobalBlueprint(valid.metadata(), valid.environment(), duplicateApprovers)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("approvers");

        ServiceBlueprint upperCase = new ServiceBlueprint(
                new dev.arf.core.blueprint.BlueprintMetadata(
                        "Checkout",
                        "1",
                        valid.metadata().priority(),
                        valid.metadata().criticality()),
                valid.environment(),
                valid.scaling(),
                valid.resources(),
                valid.performance(),
                valid.governance(),
                valid.verification());
        assertThatThrownBy(() -> WRITER.write(upperCase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata.name");
    }
}
