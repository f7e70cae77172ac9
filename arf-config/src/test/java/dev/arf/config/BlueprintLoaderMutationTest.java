package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.Blueprint;
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
            byte[] bytes = YamlMutations.mutate(valid, seed, ALPHABET);
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
