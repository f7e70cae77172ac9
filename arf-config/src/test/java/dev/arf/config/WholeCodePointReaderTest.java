package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.ServiceBlueprint;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class WholeCodePointReaderTest {
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void aReadNeverEndsBetweenTheHalvesOfASurrogatePair() throws IOException {
        String text = "ab" + EMOJI + "cd";
        WholeCodePointReader reader = new WholeCodePointReader(text);
        char[] buffer = new char[3];
        assertThat(reader.read(buffer, 0, 3)).isEqualTo(2);
        assertThat(reader.read(buffer, 0, 3)).isEqualTo(3);
        assertThat(new String(buffer)).isEqualTo(EMOJI + "c");
        assertThat(reader.read(buffer, 0, 3)).isEqualTo(1);
        assertThat(reader.read(buffer, 0, 3)).isEqualTo(-1);

        StringWriter all = new StringWriter();
        new WholeCodePointReader(text).transferTo(all);
        assertThat(all.toString()).isEqualTo(text);
    }

    /** snakeyaml-engine 3.0.1 read past its window for this; found by BlueprintWriterPropertyTest. */
    @Test
    void aDocumentWithACharacterOutsideTheBmpAtEveryPositionAroundTheWindowEdgeLoads() {
        BlueprintLoader loader = new BlueprintLoader();
        String head = BlueprintLoaderTest.VALID.replace(
                "        condition: target_replicas > max_replicas\n", "        condition: \"%s\"\n");
        for (int pad = 0; pad < 40; pad++) {
            int before = head.indexOf("%s");
            String filler = "x".repeat(Math.max(0, 1000 - before + pad));
            String yaml = head.replace("%s", filler + EMOJI + "y");
            ServiceBlueprint b = (ServiceBlueprint) loader.load(yaml, "emoji.yaml");
            assertThat(b.governance().requiresApproval().getFirst().condition()).endsWith(EMOJI + "y");
        }
        PolicyLoader policies = new PolicyLoader();
        for (int pad = 0; pad < 8; pad++) {
            String yaml = "# " + "x".repeat(1016 + pad) + EMOJI + "\n" + "policies: []\n";
            LoadOutcome.assertLoadsOrIsExplained(policies, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
