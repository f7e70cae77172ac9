package dev.arf.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.access.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Seed 004's chaos endpoint on the real server: experiments run on a sandboxed simulated fleet. */
class ChaosEndpointIT {
    private static final String PATH = "/api/v1/sre/chaos/experiments";

    @TempDir
    Path temp;

    RunningServer arf;

    @BeforeEach
    void start() {
        arf = new RunningServer(temp.resolve("data"));
    }

    @AfterEach
    void stop() {
        arf.close();
    }

    private HttpResponse<String> postYaml(String query, Role role, String yaml) {
        return arf.send(arf.request(PATH + query, arf.tokens.get(role))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml))
                .build());
    }

    @Test
    void aViewerSeesTheBuiltInExperiments() {
        HttpResponse<String> list = arf.get(PATH, Role.VIEWER);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"name\":\"checkout-latency\"", "\"kind\":\"latency_injection\"");
    }

    @Test
    void anOperatorRunsABuiltInExperimentAndGetsItsOutcome() {
        HttpResponse<String> run = postYaml("?name=checkout-latency&seed=42", Role.OPERATOR, "");

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode result = RunningServer.json(run);
        assertThat(result.get("experiment").asString()).isEqualTo("checkout-latency");
        assertThat(result.get("outcome").asString()).isEqualTo("healed");
        assertThat(result.get("mttd_seconds").asLong()).isEqualTo(30);
        assertThat(result.get("run_by").asString()).isEqualTo("operator-person");
    }

    @Test
    void anExperimentInTheBodyRunsAndAnInvalidOneIsExplainedByLineAndColumn() {
        HttpResponse<String> run = postYaml("", Role.OPERATOR, """
                kind: ChaosExperiment
                name: kill-two-gateways
                fault: {type: instance_kill}
                blast_radius: {scope: instance, service: api-gateway, instances: 2}
                duration: 10m
                """);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(RunningServer.json(run).get("experiment").asString()).isEqualTo("kill-two-gateways");

        HttpResponse<String> invalid = postYaml("", Role.OPERATOR, """
                kind: ChaosExperiment
                name: bad
                fault: {type: instance_kill}
                blast_radius: {scope: service, service: mainframe}
                duration: 20m
                """);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(invalid.body()).contains("invalid-experiment", "4:").contains("mainframe");
    }

    @Test
    void aViewerMayNotRunOneAndAnUnknownNameIsNotFound() {
        assertThat(postYaml("?name=checkout-latency", Role.VIEWER, "").statusCode())
                .isEqualTo(403);
        assertThat(postYaml("?name=nope", Role.OPERATOR, "").statusCode()).isEqualTo(404);
    }
}
