package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Seeded property: any mutation of a valid governance file either still loads or is explained. */
class GovernanceLoaderMutationTest {
    private static final String ALPHABET = " \n\t-:#&*![]{},'\"|>%@`\\0123456789.eE+abcxyz_smh<\u00e9\u0000";

    @Test
    void everyMutationOfAValidGovernanceFileLoadsOrIsExplained() {
        GovernanceLoader loader = new GovernanceLoader();
        int loaded = 0;
        for (long seed = 1; seed <= 1500; seed++) {
            byte[] bytes = YamlMutations.mutate(GovernanceLoaderTest.FULL, seed, ALPHABET);
            loaded += GovernanceLoadOutcome.assertLoadsOrIsExplained(loader, bytes) ? 1 : 0;
        }
        assertThat(loaded)
                .as("some mutations (e.g. of a value to another valid one) still load")
                .isPositive();
    }

    @Test
    void everyMutationOfTheExampleLoadsOrIsExplained() throws Exception {
        GovernanceLoader loader = new GovernanceLoader();
        String example = Files.readString(Path.of("..", "examples", "governance.yaml"));
        for (long seed = 1; seed <= 500; seed++) {
            GovernanceLoadOutcome.assertLoadsOrIsExplained(loader, YamlMutations.mutate(example, seed, ALPHABET));
        }
    }
}
