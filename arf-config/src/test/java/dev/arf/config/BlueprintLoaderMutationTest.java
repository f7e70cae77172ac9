package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.Blueprint;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded property: any mutation of a valid blueprint either still loads or is explained. */
class BlueprintLoaderMutationTest {
    private static final String ALPHABET = " \n\t-:#&*![]{},'\"|>%@`\\0123456789.eE+abcxyz_msMGiK<\u00e9\u0000";

    @Test
    void everyMutationOfAValidBlueprintLoadsOrIsExplained() {
        BlueprintLoader loader = new BlueprintLoader();
        String valid = BlueprintLoaderTest.resource("service-name.yaml");
        int loaded = 0;
        for (long seed = 1; seed <= 1500; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            StringBuilder text = new StringBuilder(valid);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && !text.isEmpty(); e++) {
                int at = random.nextInt(text.length());
                int len = Math.min(text.length() - at, 1 + random.nextInt(12));
                switch (random.nextInt(3)) {
                    case 0 -> text.delete(at, at + len);
                    case 1 -> text.insert(at, text.substring(at, at + len));
                    default -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(20) == 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256); // sometimes not UTF-8
            }
            loaded += BlueprintLoadOutcome.assertLoadsOrIsExplained(loader, bytes) ? 1 : 0;
        }
        assertThat(loaded).as("some mutations (e.g. in comments) still load").isPositive();
    }

    @Test
    void theUnmutatedBlueprintLoads() {
        Blueprint b = new BlueprintLoader().load(BlueprintLoaderTest.resource("service-name.yaml"), "x.yaml");
        assertThat(b.metadata().name()).isEqualTo("service-name");
    }
}
