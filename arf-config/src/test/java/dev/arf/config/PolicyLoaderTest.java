package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.policy.HealingAction;
import dev.arf.core.policy.HealingPolicy;
import dev.arf.core.policy.PolicyCondition;
import dev.arf.core.telemetry.Operator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
    private static final PolicyLoader LOADER = new PolicyLoader();

    /** A valid one-policy document; tests replace one line of it to make it wrong. */
    static final String VALID = """
            policies:
              - name: checkout_latency_emergency
                services: [checkout]
                conditions:
                  - metric: latency_p99
                    operator: gt
                    threshold: 200.0
                actions: [traffic_shift, scale_out, alert_team]
                priority: 1
                cool_down_seconds: 120
                max_executions_per_hour: 10
            """;

    static String validFile() {
        try (InputStream in = PolicyLoaderTest.class.getResourceAsStream("valid-policies.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> problems(String yaml) {
        try {
            LOADER.load(yaml, "policies.yaml");
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
    void aValidFileLoadsIntoCorePolicies(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, validFile());

        LoadedPolicies loaded = LOADER.load(file);

        assertThat(loaded.source()).isEqualTo(file.toString());
        assertThat(loaded.policies())
                .extracting(HealingPolicy::name)
                .containsExactly("checkout_latency_emergency", "db_connection_pool_protection", "queue_backlog");
        HealingPolicy checkout = loaded.policies().get(0);
        assertThat(checkout)
                .isEqualTo(new HealingPolicy(
                        "checkout_latency_emergency",
                        List.of(new PolicyCondition("latency_p99", Operator.GT, 200.0)),
                        List.of(HealingAction.TRAFFIC_SHIFT, HealingAction.SCALE_OUT, HealingAction.ALERT_TEAM),
                        1,
                        Duration.ofSeconds(120),
                        10,
                        true,
                        List.of("checkout")));
        HealingPolicy queue = loaded.policies().get(2);
        assertThat(queue.enabled()).isFalse();
        assertThat(queue.services()).isEmpty();
        assertThat(queue.conditions())
                .extracting(PolicyCondition::metric)
                .containsExactly("custom:queue_depth", "anomaly_confidence");
    }

    @Test
    void anEmptyPolicyListIsValid() {
        assertThat(LOADER.load("policies: []\n", "empty.yaml").policies()).isEmpty();
    }

    @Test
    void anUnknownKeyIsReportedAtTheKeyWithTheAllowedKeys() {
        assertThat(problems(replace("    priority: 1\n", "    priority: 1\n    prority: 2\n")))
                .singleElement()
                .asString()
                .startsWith(
                        "policies.yaml:10:5: policies[0].prority: unknown key 'prority'; allowed: name, description,");
    }

    @Test
    void anUnknownTopLevelKeyIsRefused() {
        assertThat(problems(VALID + "version: 2\n"))
                .containsExactly("policies.yaml:12:1: version: unknown key 'version'; allowed: policies");
    }

    @Test
    void aValueOfTheWrongTypeIsReportedAtTheValue() {
        assertThat(problems(replace("priority: 1", "priority: [1]")))
                .containsExactly("policies.yaml:9:15: policies[0].priority: expected a whole number, got a list");
    }

    @Test
    void aBadOperatorListsTheAllowedOnes() {
        assertThat(problems(replace("operator: gt", "operator: greater")))
                .containsExactly(
                        "policies.yaml:6:19: policies[0].conditions[0].operator: 'greater' is not one of gt, ge, lt, le, eq");
    }

    @Test
    void missingConditionsAreReportedAtThePolicy() {
        String yaml = VALID.replace("""
                    conditions:
                      - metric: latency_p99
                        operator: gt
                        threshold: 200.0
                """, "");

        assertThat(problems(yaml))
                .containsExactly("policies.yaml:2:5: policies[0].conditions: missing required key 'conditions'");
    }

    @Test
    void anEmptyConditionListIsRefused() {
        String yaml = VALID.replace("""
                    conditions:
                      - metric: latency_p99
                        operator: gt
                        threshold: 200.0
                """, "    conditions: []\n");

        assertThat(problems(yaml))
                .singleElement()
                .asString()
                .startsWith("policies.yaml:4:17: policies[0].conditions: ");
    }

    @Test
    void aThresholdThatIsNotANumberIsRefused() {
        assertThat(problems(replace("threshold: 200.0", "threshold: \"200ms\"")))
                .containsExactly(
                        "policies.yaml:7:20: policies[0].conditions[0].threshold: expected a number, got text '200ms'");
    }

    @Test
    void aPriorityOutOfRangeIsRefused() {
        assertThat(problems(replace("priority: 1", "priority: 11")))
                .containsExactly("policies.yaml:9:15: policies[0].priority: must have a maximum value of 10");
        assertThat(problems(replace("priority: 1", "priority: 0")))
                .containsExactly("policies.yaml:9:15: policies[0].priority: must have a minimum value of 1");
    }

    @Test
    void aDuplicateNameIsReportedAtTheSecondUse() {
        String twice = VALID + VALID.substring("policies:\n".length());

        assertThat(problems(twice))
                .containsExactly(
                        "policies.yaml:12:11: policies[1].name: duplicate policy name 'checkout_latency_emergency'"
                                + " (first used at line 2)");
    }

    @Test
    void anUnknownMetricIsReportedWithTheKnownOnes() {
        assertThat(problems(replace("metric: latency_p99", "metric: latency_99")))
                .singleElement()
                .asString()
                .startsWith(
                        "policies.yaml:5:17: policies[0].conditions[0].metric: unknown metric 'latency_99'; use one of"
                                + " latency_p50,")
                .endsWith("anomaly_confidence, or custom:<name>");
        assertThat(problems(replace("metric: latency_p99", "metric: \"custom:\"")))
                .hasSize(1);
    }

    @Test
    void anUnknownActionIsRefused() {
        assertThat(problems(replace("alert_team]", "page_everyone]")))
                .singleElement()
                .asString()
                .startsWith(
                        "policies.yaml:8:41: policies[0].actions[2]: 'page_everyone' is not one of restart_container,");
    }

    @Test
    void allProblemsAreReportedAtOnceInFileOrder() {
        String yaml = VALID.replace("operator: gt", "operator: bigger")
                        .replace("threshold: 200.0", "threshold: lots")
                        .replace("priority: 1", "priority: 99")
                        .replace("metric: latency_p99", "metric: latency")
                + "  - name: checkout_latency_emergency\n    colour: blue\n";

        assertThat(problems(yaml))
                .containsExactly(
                        "policies.yaml:5:17: policies[0].conditions[0].metric: unknown metric 'latency'; use one of latency_p50,"
                                + " latency_p95, latency_p99, error_rate, throughput, cpu_util, memory_util, anomaly_confidence,"
                                + " or custom:<name>",
                        "policies.yaml:6:19: policies[0].conditions[0].operator: 'bigger' is not one of gt, ge, lt, le, eq",
                        "policies.yaml:7:20: policies[0].conditions[0].threshold: expected a number, got text 'lots'",
                        "policies.yaml:9:15: policies[0].priority: must have a maximum value of 10",
                        "policies.yaml:12:5: policies[1].actions: missing required key 'actions'",
                        "policies.yaml:12:5: policies[1].conditions: missing required key 'conditions'",
                        "policies.yaml:12:5: policies[1].cool_down_seconds: missing required key 'cool_down_seconds'",
                        "policies.yaml:12:5: policies[1].max_executions_per_hour: missing required key 'max_executions_per_hour'",
                        "policies.yaml:12:5: policies[1].priority: missing required key 'priority'",
                        "policies.yaml:12:11: policies[1].name: duplicate policy name 'checkout_latency_emergency' (first used at"
                                + " line 2)",
                        "policies.yaml:13:5: policies[1].colour: unknown key 'colour'; allowed: name, description, services,"
                                + " causes, conditions, actions, priority, cool_down_seconds, max_executions_per_hour, enabled");
    }

    @Test
    void aHugeNumberIsReportedNotACrash() {
        assertThat(problems(replace("cool_down_seconds: 120", "cool_down_seconds: 10E80")))
                .containsExactly(
                        "policies.yaml:10:24: policies[0].cool_down_seconds: number out of range: at most 1e15 in magnitude");
    }

    @Test
    void theExceptionMessageRendersOneProblemPerLine() {
        assertThatThrownBy(() -> LOADER.load(replace("priority: 1", "priority: 11"), "p.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("p.yaml:9:15: policies[0].priority: must have a maximum value of 10");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(problems(replace("priority: 1\n", "priority: 1\n    priority: 2\n")))
                .singleElement()
                .asString()
                .startsWith("policies.yaml:10:")
                .contains("policies[0].priority: duplicate key \"priority\"");
    }

    @Test
    void aliasesAreRefusedSoNoAliasBombCanBeBuilt() {
        String bomb = """
                a: &a ["x","x","x","x","x","x","x","x","x"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                policies: *c
                """;

        assertThat(problems(bomb)).isNotEmpty().allMatch(p -> p.contains("anchors and aliases"));
    }

    @Test
    void aFileOverOneMebibyteIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "policies: []\n" + "#".repeat(SafeYamlReader.MAX_BYTES));

        assertThatThrownBy(() -> LOADER.load(big))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("big.yaml:1:1: document: file is 1048589 bytes; policy files may be at most");
        assertThat(problems("#".repeat(SafeYamlReader.MAX_BYTES + 1)))
                .singleElement()
                .asString()
                .contains("may be at most 1048576 bytes");
    }

    @Test
    void nonUtf8BytesAreRefusedWithTheirPosition() {
        byte[] latin1 = "policies: []\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> LOADER.load(latin1, "latin1.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("latin1.yaml:2:6: document: not valid UTF-8 (byte 18 is 0xE9); save the file as UTF-8");
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() {
        byte[] bom = ("\uFEFF" + VALID).getBytes(StandardCharsets.UTF_8);

        assertThat(LOADER.load(bom, "bom.yaml").policies()).hasSize(1);
    }

    @Test
    void syntaxErrorsEmptyDocumentsAndSeveralDocumentsAreExplained() {
        assertThat(problems("policies: [\n"))
                .singleElement()
                .asString()
                .startsWith("policies.yaml:2:1: document: YAML syntax error:");
        assertThat(problems(""))
                .containsExactly(
                        "policies.yaml:1:1: document: the document is empty; expected a mapping with 'policies'");
        assertThat(problems("---\npolicies: []\n---\npolicies: []\n"))
                .containsExactly(
                        "policies.yaml:4:1: document: more than one YAML document ('---'); a policy file holds exactly one");
        assertThat(problems("[".repeat(200) + "]".repeat(200)))
                .singleElement()
                .asString()
                .contains("deeply nested");
    }

    @Test
    void aMissingFileIsAProblemNotACrash(@TempDir Path dir) {
        assertThatThrownBy(() -> LOADER.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml:1:1: document: cannot read the file: NoSuchFileException");
    }
}
