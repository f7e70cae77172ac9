package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.Blueprint;

/** The blueprint loader's contract for arbitrary input, shared by the fuzz and the property tests. */
final class BlueprintLoadOutcome {
    private BlueprintLoadOutcome() {}

    /**
     * A blueprint, or a ConfigException with at least one located problem; nothing else.
     *
     * @return whether it loaded
     */
    static boolean assertLoadsOrIsExplained(BlueprintLoader loader, byte[] bytes) {
        try {
            Blueprint loaded = loader.load(bytes, "fuzz.yaml");
            assertThat(loaded).isNotNull();
            assertThat(loaded.metadata()).isNotNull();
            return true;
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.source()).isEqualTo("fuzz.yaml");
                assertThat(p.line()).isPositive();
                assertThat(p.column()).isPositive();
                assertThat(p.field()).isNotBlank();
                assertThat(p.message()).isNotBlank();
            });
            return false;
        }
    }
}
