package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.agents.Cause;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.policy.HealingPolicy;
import dev.arf.core.telemetry.Operator;
import dev.arf.core.telemetry.TelemetryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published schema must say what the core records accept, or editors would lie to users. */
class PolicySchemaTest {
    private static JsonNode schema() throws IOException {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(PolicyLoader.SCHEMA_RESOURCE)) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void theSchemaListsExactlyTheCoreActionsCausesAndOperators() throws IOException {
        JsonNode defs = schema().path("$defs");

        assertThat(strings(defs.at("/policy/properties/actions/items/enum")))
                .containsExactlyElementsOf(Arrays.stream(HealingAction.values())
                        .filter(a -> a != HealingAction.DELETE_DEPLOYMENT) // exists to be refused; no file names it
                        .map(HealingAction::key)
                        .toList());
        assertThat(strings(defs.at("/policy/properties/causes/items/enum")))
                .containsExactlyElementsOf(
                        Arrays.stream(Cause.values()).map(Cause::key).toList());
        assertThat(strings(defs.at("/condition/properties/operator/enum")))
                .containsExactlyElementsOf(
                        Arrays.stream(Operator.values()).map(Operator::key).toList());
    }

    @Test
    void theSchemaPatternsAreTheCorePatterns() throws IOException {
        JsonNode policy = schema().at("/$defs/policy/properties");

        assertThat(policy.at("/name/pattern").asString()).isEqualTo("^" + HealingPolicy.NAME.pattern() + "$");
        assertThat(policy.at("/services/items/pattern").asString())
                .isEqualTo("^" + TelemetryEvent.SERVICE_NAME.pattern() + "$");
    }

    @Test
    void everyPropertyIsDescribedForEditors() throws IOException {
        JsonNode defs = schema().path("$defs");
        for (String def : List.of("policy", "condition")) {
            defs.path(def)
                    .path("properties")
                    .properties()
                    .forEach(e -> assertThat(e.getValue().has("description"))
                            .as(def + "." + e.getKey())
                            .isTrue());
        }
    }
}
