package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.blueprint.Blueprint;
import dev.arf.core.blueprint.Comparison;
import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.GlobalBlueprint;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.Quantity;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Tier;
import dev.arf.core.blueprint.VerificationCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlueprintLoaderTest {
    private static final BlueprintLoader LOADER = new BlueprintLoader();

    /** A valid blueprint; tests replace one line of it to make it wrong. Line numbers matter. */
    static final String VALID = """
            metadata:
              name: checkout
              version: 1.0.0
              environment: prod
            spec:
              scaling:
                min_replicas: 2
                max_replicas: 10
                target_cpu_utilization: 70%
                scale_up_threshold: 80%
                scale_down_threshold: 40%
              resources:
                cpu:
                  request: 500m
                  limit: 2
                memory:
                  request: 512Mi
                  limit: 1Gi
              performance:
                latency_target_p95: 200ms
                error_rate_threshold: 1%
            governance:
              agent_authority:
                allowed_operations: [scale_within_limits, restart_pods]
                requires_approval:
                  - operation: scale_beyond_limits
                    condition: target_replicas > max_replicas
                    approvers: [devops-team]
                forbidden_operations: [delete_deployment]
            verification:
              stabilization_period: 60s
              checks:
                - name: latency_p95
                  target: "< 200ms"
                  critical: true
                  rollback_trigger: true
            """;

    static String resource(String name) {
        try (InputStream in = BlueprintLoaderTest.class.getResourceAsStream("blueprints/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> problems(String yaml) {
        try {
            LOADER.load(yaml, "blue.yaml");
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the document to be refused:\n" + yaml);
    }

    private static String replace(String line, String with) {
        assertThat(VALID).contains(line);
        return VALID.replace(line, with);
    }

    @Test
    void theSeedQuickStartBlueprintLoadsWithDefaults() {
        Blueprint loaded = LOADER.load(resource("quick-start.yaml"), "quick-start.yaml");
        assertThat(loaded).isInstanceOf(ServiceBlueprint.class);
        ServiceBlueprint b = (ServiceBlueprint) loaded;
        assertThat(b.metadata().name()).isEqualTo("my-service");
        assertThat(b.metadata().priority()).isEqualTo(Priority.MEDIUM);
        assertThat(b.environment()).isEqualTo(Environment.PROD);
        assertThat(b.scaling().minReplicas()).isEqualTo(2);
        assertThat(b.scaling().targetCpuUtilization()).isEqualTo(0.70);
        assertThat(b.governance().tierOf("restart_pods")).isEqualTo(Tier.AUTONOMOUS);
        assertThat(b.governance().tierOf("delete_deployment")).isEqualTo(Tier.NOT_ALLOWED);
        assertThat(b.verification().enabled()).isFalse();
    }

    @Test
    void theSeedFullBlueprintLoadsWithEveryUnitParsed() {
        ServiceBlueprint b = (ServiceBlueprint) LOADER.load(resource("service-name.yaml"), "service-name.yaml");
        assertThat(b.metadata().criticality()).isEqualTo(Criticality.CRITICAL);
        assertThat(b.resources().cpuCores().min()).contains(0.1);
        assertThat(b.resources().cpuCores().max()).contains(1.0);
        assertThat(b.resources().memoryBytes().max()).contains(2L << 30);
        assertThat(b.resources().memoryBytes().target()).contains(512L << 20);
        assertThat(b.performance().latencyTargetP95()).contains(Duration.ofMillis(200));
        assertThat(b.performance().errorRateThreshold()).hasValue(0.01);
        assertThat(b.governance().tierOf("scale_beyond_limits")).isEqualTo(Tier.REQUIRES_APPROVAL);
        assertThat(b.governance()
                        .approvalRulesFor("scale_beyond_limits")
                        .getFirst()
                        .condition())
                .isEqualTo("target_replicas > max_replicas");
        assertThat(b.governance().tierOf("change_rbac")).isEqualTo(Tier.FORBIDDEN);
        assertThat(b.verification().stabilizationPeriod()).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.verification().checks())
                .containsExactly(
                        new VerificationCheck(
                                "latency_p95", Comparison.LT, new Quantity.Time(Duration.ofMillis(200)), true, true),
                        new VerificationCheck("error_rate", Comparison.LT, new Quantity.Percentage(0.01), true, true));
        assertThat(b.verification().rollback().automatic()).isTrue();
    }

    @Test
    void aGlobalBlueprintHoldsRulesThatApplyToEveryServiceOfItsEnvironment() {
        GlobalBlueprint global = (GlobalBlueprint) LOADER.load(resource("global.yaml"), "global.yaml");
        ServiceBlueprint service = (ServiceBlueprint) LOADER.load(resource("quick-start.yaml"), "q.yaml");
        assertThat(service.governedBy(global).tierOf("scale_to_zero")).isEqualTo(Tier.REQUIRES_APPROVAL);
        assertThat(service.governedBy(global).tierOf("restart_pods")).isEqualTo(Tier.AUTONOMOUS);
        assertThat(service.governedBy(global).tierOf("delete_namespace")).isEqualTo(Tier.FORBIDDEN);
    }

    @Test
    void aGlobalBlueprintMayNotHaveASpecOrVerification() {
        assertThat(problems("kind: GlobalBlueprint\n" + VALID))
                .containsExactly(
                        "blue.yaml:7:3: spec: a GlobalBlueprint holds only metadata and governance; put spec in the blueprint of a service",
                        "blue.yaml:32:3: verification: a GlobalBlueprint holds only metadata and governance; put verification in the blueprint of a service");
    }

    @Test
    void theReadmeExampleLoads() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Blueprints");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        ServiceBlueprint b = (ServiceBlueprint) LOADER.load(yaml, "README.md");
        assertThat(b.resources().cpuCores().max()).contains(2.0);
        assertThat(b.governance().tierOf("change_rbac")).isEqualTo(Tier.FORBIDDEN);
    }

    @Test
    void theValidExampleLoads() {
        ServiceBlueprint b = (ServiceBlueprint) LOADER.load(VALID, "blue.yaml");
        assertThat(b.resources().cpuCores().request()).contains(0.5);
        assertThat(b.resources().cpuCores().limit()).contains(2.0);
        assertThat(b.resources().memoryBytes().limit()).contains(1L << 30);
        assertThat(b.resources().memoryBytes().min()).isEqualTo(Optional.empty());
    }

    @Test
    void aBarePercentageIsRefusedAtItsValueWithTheFormExpected() {
        assertThat(problems(replace("target_cpu_utilization: 70%", "target_cpu_utilization: 70")))
                .containsExactly(
                        "blue.yaml:9:29: spec.scaling.target_cpu_utilization: '70' is not a percentage; write e.g. 70% or 99.9% (0% to 100%)");
    }

    @Test
    void eachUnitKindIsRefusedAtItsValue() {
        assertThat(problems(replace("scale_up_threshold: 80%", "scale_up_threshold: 80 %")))
                .containsExactly(
                        "blue.yaml:10:25: spec.scaling.scale_up_threshold: '80 %' is not a percentage; write e.g. 70% or 99.9% (0% to 100%)");
        assertThat(problems(replace("request: 500m", "request: 500M")))
                .containsExactly(
                        "blue.yaml:14:16: spec.resources.cpu.request: '500M' is not a CPU quantity; write e.g. 500m (millicores) or 2 (cores)");
        assertThat(problems(replace("request: 512Mi", "request: 512mi")))
                .containsExactly(
                        "blue.yaml:17:16: spec.resources.memory.request: '512mi' is not a memory quantity; write e.g. 512Mi, 2Gi or 1G (a whole number and Ki, Mi, Gi, Ti, Pi, k, M, G, T or P)");
        assertThat(problems(replace("latency_target_p95: 200ms", "latency_target_p95: 200")))
                .containsExactly(
                        "blue.yaml:20:25: spec.performance.latency_target_p95: '200' is not a latency; write e.g. 200ms or 2s (a whole number and ms, s, m or h)");
        assertThat(problems(replace("stabilization_period: 60s", "stabilization_period: 5 minutes")))
                .containsExactly(
                        "blue.yaml:31:25: verification.stabilization_period: '5 minutes' is not a duration; write e.g. 200ms, 60s, 5m or 1h (a whole number and ms, s, m or h)");
        assertThat(problems(replace("target: \"< 200ms\"", "target: \"< 200\"")))
                .containsExactly(
                        "blue.yaml:34:15: verification.checks[0].target: '200' is not a percentage or a duration; write e.g. 1% or 200ms");
    }

    @Test
    void moreMinimumThanMaximumReplicasIsRefused() {
        assertThat(problems(replace("min_replicas: 2", "min_replicas: 12")))
                .containsExactly(
                        "blue.yaml:7:19: spec.scaling.min_replicas: min_replicas 12 is more than max_replicas 10");
    }

    @Test
    void aScaleDownThresholdNotBelowTheScaleUpThresholdIsRefused() {
        assertThat(problems(replace("scale_down_threshold: 40%", "scale_down_threshold: 90%")))
                .containsExactly(
                        "blue.yaml:11:27: spec.scaling.scale_down_threshold: scale_down_threshold must be below scale_up_threshold");
    }

    @Test
    void aRequestAboveItsLimitIsRefused() {
        assertThat(problems(replace("request: 500m", "request: 3")))
                .containsExactly(
                        "blue.yaml:14:16: spec.resources.cpu.request: request (3.0 cores) is more than limit (2.0 cores)");
        assertThat(problems(replace("request: 512Mi", "request: 2Gi")))
                .containsExactly(
                        "blue.yaml:17:16: spec.resources.memory.request: request (2147483648 bytes) is more than limit (1073741824 bytes)");
    }

    @Test
    void anOperationBothAllowedAndForbiddenIsRefusedAtTheForbiddenEntry() {
        assertThat(problems(replace(
                        "forbidden_operations: [delete_deployment]",
                        "forbidden_operations: [delete_deployment, restart_pods]")))
                .containsExactly(
                        "blue.yaml:29:47: governance.agent_authority.forbidden_operations[1]: 'restart_pods' is both allowed (line 24) and forbidden; remove it from one of the lists");
    }

    @Test
    void aZeroStabilizationPeriodIsRefused() {
        assertThat(problems(replace("stabilization_period: 60s", "stabilization_period: 0s")))
                .containsExactly(
                        "blue.yaml:31:25: verification.stabilization_period: stabilization_period must be more than zero, e.g. 60s");
    }

    @Test
    void schemaViolationsAreLocated() {
        assertThat(problems(replace("environment: prod", "environment: production")))
                .containsExactly("blue.yaml:4:16: metadata.environment: 'production' is not one of dev, stage, prod");
        assertThat(problems(replace("    max_replicas: 10\n", "    max_replicas: 10\n    colour: blue\n")))
                .singleElement()
                .asString()
                .startsWith("blue.yaml:9:5: spec.scaling.colour: unknown key 'colour'; allowed: min_replicas");
        assertThat(problems(replace("  version: 1.0.0\n", "")))
                .containsExactly("blue.yaml:2:3: metadata.version: missing required key 'version'");
        assertThat(problems(replace("min_replicas: 2", "min_replicas: two")))
                .containsExactly("blue.yaml:7:19: spec.scaling.min_replicas: expected a whole number, got text 'two'");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        String yaml = replace("min_replicas: 2", "min_replicas: 12")
                .replace("request: 512Mi", "request: 512mi")
                .replace("environment: prod", "environment: live");
        assertThat(problems(yaml)).hasSize(3);
    }

    @Test
    void unsafeYamlIsRefusedAsForPolicies() {
        assertThat(problems(VALID + "---\n" + VALID))
                .containsExactly(
                        "blue.yaml:38:1: document: more than one YAML document ('---'); a blueprint file holds exactly one");
        assertThat(problems(""))
                .containsExactly("blue.yaml:1:1: document: the document is empty; expected a mapping with 'metadata'");
    }

    @Test
    void aDirectoryLoadsEveryBlueprintAndReportsAllFilesTogether(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("checkout"));
        Files.writeString(dir.resolve("checkout/blueprint.yaml"), VALID);
        Files.writeString(dir.resolve("global.yml"), resource("global.yaml"));
        Files.writeString(dir.resolve("notes.txt"), "not a blueprint");
        assertThat(LOADER.loadDirectory(dir)).hasSize(2);

        Files.writeString(dir.resolve("a-broken.yaml"), replace("min_replicas: 2", "min_replicas: 12"));
        Files.writeString(dir.resolve("z-broken.yaml"), replace("request: 512Mi", "request: 512mi"));
        assertThatThrownBy(() -> LOADER.loadDirectory(dir))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::source)
                                .containsExactly(
                                        dir.resolve("a-broken.yaml").toString(),
                                        dir.resolve("z-broken.yaml").toString()));
    }

    @Test
    void hiddenFilesAndDirectoriesOfADirectoryAreNotRead(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("checkout.yaml"), VALID);
        Files.writeString(dir.resolve(".checkout.yaml.swp.yaml"), "not: [yaml");
        Files.createDirectories(dir.resolve("..2026_03_01"));
        Files.writeString(dir.resolve("..2026_03_01/checkout.yaml"), VALID);

        assertThat(LOADER.files(dir)).containsExactly(dir.resolve("checkout.yaml"));
        assertThat(LOADER.loadDirectory(dir)).hasSize(1);
    }

    @Test
    void loadAllKeepsTheSourcesOrderAndItsCacheHoldsTheValidDocumentsOfTheLastCall() {
        BlueprintLoader.Cache cache = new BlueprintLoader.Cache();
        byte[] checkout = VALID.getBytes(StandardCharsets.UTF_8);
        byte[] payments = VALID.replace("name: checkout", "name: payments").getBytes(StandardCharsets.UTF_8);

        List<Blueprint> loaded = LOADER.loadAll(
                List.of(new BlueprintLoader.Source("p.yaml", payments), new BlueprintLoader.Source("c.yaml", checkout)),
                cache);
        List<Blueprint> again = LOADER.loadAll(List.of(new BlueprintLoader.Source("p.yaml", payments)), cache);

        assertThat(loaded).extracting(b -> b.metadata().name()).containsExactly("payments", "checkout");
        assertThat(again.getFirst()).isSameAs(loaded.getFirst());
        assertThat(cache.size()).isEqualTo(1);
        assertThatThrownBy(() -> LOADER.loadAll(
                        List.of(
                                new BlueprintLoader.Source("a.yaml", checkout),
                                new BlueprintLoader.Source("b.yaml", checkout)),
                        cache))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::source)
                                .containsExactly("b.yaml"));
    }

    @Test
    void aServiceWithTwoBlueprintsForOneEnvironmentIsRefusedAtTheSecondName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), VALID);
        Files.writeString(dir.resolve("b.yaml"), VALID);
        Files.writeString(dir.resolve("c.yaml"), replace("environment: prod", "environment: dev"));
        assertThatThrownBy(() -> LOADER.loadDirectory(dir))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .map(ConfigProblem::toString)
                                .containsExactly(
                                        dir.resolve("b.yaml") + ":2:9: metadata.name: service 'checkout' in prod"
                                                + " already has a blueprint in " + dir.resolve("a.yaml") + ":2"));
    }

    @Test
    void aMissingFileIsExplained(@TempDir Path dir) {
        assertThatThrownBy(() -> LOADER.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml:1:1: document: cannot read the file");
    }
}
