package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.Units;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published schema must accept what the loader accepts, or editors would lie to users. */
class BlueprintSchemaTest {
    private static JsonNode schema() throws IOException {
        try (InputStream in = BlueprintLoader.class.getResourceAsStream(BlueprintLoader.SCHEMA_RESOURCE)) {
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
        walk(schema(), "#", (path, node) -> {
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
        });
        assertThat(checked).hasSizeGreaterThan(40);
    }

    /** The {@code then} branch lists spec and verification only to forbid them; skip it. */
    private static void walk(JsonNode node, String path, Visitor visit) {
        if (!node.isObject()) {
            return;
        }
        if (!path.endsWith("/then") && !path.endsWith("/if")) {
            visit.accept(path, node);
        }
        node.properties().forEach(e -> walk(e.getValue(), path + "/" + e.getKey(), visit));
        node.path("items").forEach(item -> walk(item, path + "/items", visit));
    }

    private interface Visitor {
        void accept(String path, JsonNode node);
    }

    @Test
    void theSchemaListsExactlyTheCoreEnvironmentsPrioritiesAndCriticalities() throws IOException {
        JsonNode metadata = schema().at("/$defs/metadata/properties");
        assertThat(strings(metadata.at("/environment/enum")))
                .containsExactlyElementsOf(Arrays.stream(Environment.values())
                        .map(Environment::key)
                        .toList());
        assertThat(strings(metadata.at("/priority/enum")))
                .containsExactlyElementsOf(
                        Arrays.stream(Priority.values()).map(Priority::key).toList());
        assertThat(strings(metadata.at("/criticality/enum")))
                .containsExactlyElementsOf(Arrays.stream(Criticality.values())
                        .map(Criticality::key)
                        .toList());
    }

    /**
     * Seeded differential test: for strings near each unit's form, the schema's pattern matches
     * exactly when {@link Units} parses (a percentage over 100% is the one thing only code refuses).
     */
    @Test
    void theSchemaPatternsAcceptWhatUnitsParses() throws IOException {
        JsonNode defs = schema().path("$defs");
        agree(Pattern.compile(defs.at("/percentage/pattern").asString()), Units::percentage, "0123456789.%% -");
        agree(Pattern.compile(defs.at("/duration/pattern").asString()), Units::duration, "0123456789.mshMd -");
        agree(Pattern.compile(defs.at("/cpu/pattern").asString()), Units::cpu, "0123456789.mM -e");
        agree(Pattern.compile(defs.at("/memory/pattern").asString()), Units::memory, "0123456789KkMmGgiTP. -");
    }

    private static void agree(Pattern pattern, Consumer<String> parse, String alphabet) {
        SplittableRandom random = new SplittableRandom(42);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            boolean parses;
            try {
                parse.accept(text);
                parses = true;
            } catch (IllegalArgumentException e) {
                parses = e.getMessage().contains("more than 100%")
                        || e.getMessage().contains("too large");
            }
            assertThat(pattern.matcher(text).find()).as(text).isEqualTo(parses);
            accepted += parses ? 1 : 0;
        }
        assertThat(accepted).as("some inputs parse").isPositive();
    }
}
