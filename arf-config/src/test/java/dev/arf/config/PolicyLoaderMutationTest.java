package dev.arf.config;

import org.junit.jupiter.api.Test;

/** Seeded property: any mutation of a valid file either still loads or is explained. */
class PolicyLoaderMutationTest {
    private static final String ALPHABET = " \n\t-:#&*![]{},'\"|>%@`\\0123456789.eE+abcxyz_\u00e9\u0000";

    @Test
    void everyMutationOfAValidFileLoadsOrIsExplained() {
        PolicyLoader loader = new PolicyLoader();
        String valid = PolicyLoaderTest.validFile();
        for (long seed = 1; seed <= 1500; seed++) {
            byte[] bytes = YamlMutations.mutate(valid, seed, ALPHABET);
            LoadOutcome.assertLoadsOrIsExplained(loader, bytes);
        }
    }
}
