package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.Environment;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.policy.HealingAction;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published schema must say what the loader and the Guardian accept, or editors would lie to users. */
class GovernanceSchemaTest {
    private static JsonNode schema() throws IOException {
        try (InputStream in = GovernanceLoader.class.getResourceAsStream(GovernanceLoader.SCHEMA_RESOURCE)) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void everyPropertyIsDescribedAndEveryMappingRefusesUnknownKeys() throws IOException {
        List<String> checked = new ArrayList<>();
        walk(schema(), "#", checked);
        assertThat(checked).hasSizeGreaterThan(35);
    }

    private static void walk(JsonNode node, String path, List<String> checked) {
        if (!node.isObject()) {
            return;
        }
        if (node.has("properties")) {
            assertThat(node.path("additionalProperties").isBoolean()
                            && !node.path("additionalProperties").asBoolean())
                    .as(path + " refuses unknown keys")
                    .isTrue();
            node.path("properties").properties().forEach(e -> {
                checked.add(path + "/" + e.getKey());
                assertThat(e.getValue().has("description"))
                        .as(path + "/" + e.getKey() + " has a description")
                        .isTrue();
            });
        }
        node.properties().forEach(e -> walk(e.getValue(), path + "/" + e.getKey(), checked));
    }

    @Test
    void theEligibleKindsAreTheGuardiansAndCoverEveryBuiltInList() throws IOException {
        List<String> kinds = strings(schema().at("/$defs/kinds/items/enum"));
        assertThat(kinds).containsExactlyElementsOf(GovernanceReading.KINDS);
        Set<String> builtIn = new TreeSet<>();
        GovernanceSettings.defaults().eligible().values().forEach(builtIn::addAll);
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(builtIn);
    }

    @Test
    void theEnvironmentsAndCooldownActionsAreTheCoresOwn() throws IOException {
        JsonNode schema = schema();
        assertThat(schema.at("/$defs/eligible/properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Environment.values())
                        .map(Environment::key)
                        .toList());
        assertThat(schema.at("/$defs/cooldowns/properties").propertyNames())
                .containsExactlyElementsOf(GovernanceReading.COOLDOWN_ACTIONS.stream()
                        .map(HealingAction::key)
                        .toList())
                .doesNotContain(HealingAction.DELETE_DEPLOYMENT.key());
    }

    @Test
    void theDurationPatternIsTheUnitParsersAndServiceNamesAreBlueprintNames() throws IOException {
        JsonNode schema = schema();
        JsonNode blueprint;
        try (InputStream in = BlueprintLoader.class.getResourceAsStream(BlueprintLoader.SCHEMA_RESOURCE)) {
            blueprint = JsonMapper.builder().build().readTree(in);
        }
        assertThat(schema.at("/$defs/duration/pattern")).isEqualTo(blueprint.at("/$defs/duration/pattern"));
        assertThat(schema.at("/$defs/serviceName/pattern"))
                .isEqualTo(blueprint.at("/$defs/metadata/properties/name/pattern"));
        assertThat("^" + GovernanceReading.SERVICE_NAME.pattern() + "$")
                .isEqualTo(schema.at("/$defs/serviceName/pattern").asString());
    }
}
