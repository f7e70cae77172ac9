package dev.arf.lab.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.config.ConfigException;
import dev.arf.config.ConfigProblem;
import dev.arf.core.telemetry.Metric;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentLoaderTest {
    private final ExperimentLoader loader = new ExperimentLoader();

    @Test
    void shouldLoadEveryBuiltInExperiment() {
        List<ChaosExperiment> all = BuiltInExperiments.all();

        assertThat(all).extracting(ChaosExperiment::name).containsExactlyElementsOf(BuiltInExperiments.NAMES);
        assertThat(all).extracting(ChaosExperiment::kind).contains(ExperimentKind.values());
        assertThat(all).extracting(e -> e.blastRadius().scope()).contains("instance", "service", "zone");
    }

    @Test
    void shouldReadEveryFieldWithItsUnit() {
        ChaosExperiment e = loader.load("""
                kind: ChaosExperiment
                name: slow-checkout
                fault: {type: latency_injection, latency: 250ms}
                blast_radius: {scope: instance, service: checkout, instances: 2}
                warm_up: 5m
                duration: 15m
                steady_state:
                  - {metric: error_rate, below: 2%}
                safety:
                  - {metric: latency_p99, below: 2s, scope: outside_blast_radius, for: 1m}
                  - {metric: throughput, above: 10, services: [api-gateway]}
                """, "slow.yaml");

        assertThat(e.fault()).isEqualTo(new FaultSpec.LatencyInjection(Duration.ofMillis(250)));
        assertThat(e.blastRadius()).isEqualTo(new BlastRadius.Instances("checkout", 2));
        assertThat(e.warmUp()).isEqualTo(Duration.ofMinutes(5));
        assertThat(e.observe()).isEqualTo(ExperimentLoader.DEFAULT_OBSERVE);
        assertThat(e.steadyState())
                .containsExactly(new HealthCheck(
                        Metric.ERROR_RATE, true, 0.02, HealthCheck.Scope.ALL, List.of(), Duration.ZERO));
        assertThat(e.safety())
                .containsExactly(
                        new HealthCheck(
                                Metric.LATENCY_P99,
                                true,
                                2000,
                                HealthCheck.Scope.OUTSIDE_BLAST_RADIUS,
                                List.of(),
                                Duration.ofMinutes(1)),
                        new HealthCheck(
                                Metric.THROUGHPUT,
                                false,
                                10,
                                HealthCheck.Scope.SERVICES,
                                List.of("api-gateway"),
                                Duration.ZERO));
    }

    @Test
    void shouldRefuseAnUnknownKeyWhereItIs() {
        String yaml = """
                kind: ChaosExperiment
                name: broken
                fault:
                  type: network_partition
                  latency: 200ms
                blast_radius:
                  scope: instance
                  service: mainframe
                  instances: 2
                duration: 20 minutes
                colour: red
                steady_state:
                  - {metric: error_rate, below: 2%, above: 1%}
                  - {metric: latency_p99, below: 500}
                """;

        assertThatThrownBy(() -> loader.load(yaml, "broken.yaml"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::toString)
                                .containsExactly(
                                        "broken.yaml:11:1: colour: unknown key 'colour'; allowed: kind, name, description,"
                                                + " fault, blast_radius, warm_up, duration, observe, steady_state, safety"));
    }

    @Test
    void shouldExplainWhatTheSchemaCannotSee() {
        String yaml = """
                kind: ChaosExperiment
                name: broken
                fault:
                  type: network_partition
                  latency: 200ms
                blast_radius:
                  scope: instance
                  service: mainframe
                  instances: 2
                duration: 20 minutes
                steady_state:
                  - {metric: error_rate, below: 2%, above: 1%}
                  - {metric: latency_p99, below: 500}
                """;

        assertThatThrownBy(() -> loader.load(yaml, "broken.yaml"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::toString)
                                .containsExactly(
                                        "broken.yaml:5:12: fault.latency: 'latency' does not apply to network_partition",
                                        "broken.yaml:7:10: blast_radius.scope: network_partition happens to a whole service:"
                                                + " use scope service, not instance",
                                        "broken.yaml:10:11: duration: '20 minutes' is not a duration; write e.g. 200ms, 60s,"
                                                + " 5m or 1h (a whole number and ms, s, m or h)",
                                        "broken.yaml:12:5: steady_state[0]: give exactly one of 'below' and 'above'",
                                        "broken.yaml:13:34: steady_state[1].below: write a latency with its unit, such as"
                                                + " 500ms or 2s"));
    }

    @Test
    void shouldRefuseUnknownServicesZonesAndTooManyInstances() {
        assertThatThrownBy(() -> loader.load("""
                        kind: ChaosExperiment
                        name: x
                        fault: {type: instance_kill}
                        blast_radius: {scope: instance, service: cache, instances: 9}
                        duration: 5m
                        safety:
                          - {metric: error_rate, below: 5%, services: [mainframe]}
                        """, "x.yaml"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::toString)
                                .containsExactly(
                                        "x.yaml:4:60: blast_radius.instances: cache runs 3 instances; cannot pick 9",
                                        "x.yaml:7:48: safety[0].services[0]: unknown service 'mainframe'; the simulated fleet"
                                                + " runs [api-gateway, checkout, payments, database, cache]"));
        assertThatThrownBy(() -> loader.load("""
                        kind: ChaosExperiment
                        name: x
                        fault: {type: resource_exhaustion, resource: cpu, amount: 99%}
                        blast_radius: {scope: zone, zone: zone-z}
                        duration: 5m
                        """, "x.yaml"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::toString)
                                .containsExactly(
                                        "x.yaml:3:59: fault.amount: must be more than 0% and at most 95% for cpu",
                                        "x.yaml:4:35: blast_radius.zone: unknown zone 'zone-z'; the fleet spreads over"
                                                + " [zone-a, zone-b, zone-c]"));
    }
}
