package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

/** The governance loader's contract for arbitrary input, shared by the fuzz and the property tests. */
final class GovernanceLoadOutcome {
    private GovernanceLoadOutcome() {}

    /**
     * Settings for every service, or a ConfigException with at least one located problem; nothing else.
     *
     * @return whether it loaded
     */
    static boolean assertLoadsOrIsExplained(GovernanceLoader loader, byte[] bytes) {
        try {
            GovernanceConfig loaded = loader.load(bytes, "fuzz.yaml");
            assertThat(loaded.defaults()).isNotNull();
            loaded.services().values().forEach(s -> assertThat(s).isNotNull());
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
