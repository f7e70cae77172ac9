package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.policy.HealingAction;
import dev.arf.testkit.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredGovernanceConfigTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final String YAML = "services:\n  payments:\n    cooldowns: {restart_container: 300s}\n";

    private final InMemoryStore store = new InMemoryStore();
    private final StoredGovernanceConfig stored = new StoredGovernanceConfig(store);

    @Test
    void nothingStoredMeansTheBuiltInDefaults() {
        assertThat(stored.load()).isEmpty();
        assertThat(stored.text()).isEmpty();
        assertThat(stored.loadOrBuiltIn()).isEqualTo(GovernanceConfig.builtIn());
    }

    @Test
    void savedSettingsComeBackFromTheStoreAsTheyWereValidated() {
        GovernanceConfig saved = stored.save(YAML, "governance.yaml", AT);

        assertThat(store.setting(StoredGovernanceConfig.SETTING)).contains(YAML);
        assertThat(stored.text()).contains(YAML);
        GovernanceConfig loaded = new StoredGovernanceConfig(store).loadOrBuiltIn();
        assertThat(loaded).isEqualTo(saved);
        assertThat(loaded.settingsFor("payments").cooldowns())
                .containsEntry(HealingAction.RESTART_CONTAINER, Duration.ofSeconds(300));
    }

    @Test
    void theExactBytesOfAFileAreStored() {
        byte[] bytes = ("# a comment, kept\n" + YAML).getBytes(StandardCharsets.UTF_8);
        stored.save(bytes, "governance.yaml", AT);
        assertThat(stored.text()).contains("# a comment, kept\n" + YAML);
    }

    @Test
    void anInvalidDocumentIsRefusedAndNothingIsStored() {
        stored.save(YAML, "governance.yaml", AT);
        assertThatThrownBy(() -> stored.save("defaults:\n  cooldowns: {rollback: 5x}\n", "bad.yaml", AT))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad.yaml:2:25: defaults.cooldowns.rollback: '5x' is not a duration");
        assertThat(stored.text()).contains(YAML);
    }

    @Test
    void aCorruptStoredTextIsAnErrorNamingTheSettingAndTheProblemNeverTheDefaults() {
        store.saveSetting(StoredGovernanceConfig.SETTING, "defaults:\n  safety: {min_confidence: high}\n", AT);
        assertThatThrownBy(stored::load)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setting governance_config")
                .hasMessageContaining("arf governance settings apply FILE")
                .hasMessageContaining("store setting governance_config:2:28: defaults.safety.min_confidence:"
                        + " expected a number, got text 'high'")
                .hasCauseInstanceOf(ConfigException.class);
        assertThatThrownBy(stored::loadOrBuiltIn).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void storedDefaultsAreTheBuiltInOnesWhenTheTextWritesNothing() {
        stored.save("", "empty.yaml", AT);
        assertThat(stored.load()).contains(GovernanceConfig.builtIn());
        assertThat(stored.loadOrBuiltIn().defaults()).isEqualTo(GovernanceSettings.defaults());
    }
}
