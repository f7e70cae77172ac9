package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

/** The loader's contract for arbitrary input, shared by the fuzz and the property tests. */
final class LoadOutcome {
    private LoadOutcome() {}

    /** Valid policies, or a ConfigException with at least one located problem; nothing else. */
    static void assertLoadsOrIsExplained(PolicyLoader loader, byte[] bytes) {
        try {
            LoadedPolicies loaded = loader.load(bytes, "fuzz.yaml");
            assertThat(loaded.policies()).doesNotContainNull();
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.source()).isEqualTo("fuzz.yaml");
                assertThat(p.line()).isPositive();
                assertThat(p.column()).isPositive();
                assertThat(p.field()).isNotBlank();
                assertThat(p.message()).isNotBlank();
            });
        }
    }
}
