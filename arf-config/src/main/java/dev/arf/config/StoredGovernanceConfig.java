package dev.arf.config;

import dev.arf.core.store.ReliabilityStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The governance settings in force, kept in the store as the text of a governance file (setting
 * {@value #SETTING}), so that every ARF process on the store applies the same thresholds and a restart
 * does not lose them. Only a text that loads is saved; what is read back is validated again, and a
 * stored text that no longer loads is an error, never silently the defaults.
 */
public final class StoredGovernanceConfig {
    public static final String SETTING = "governance_config";

    /** How problems of the stored text name their source. */
    static final String SOURCE = "store setting " + SETTING;

    private final ReliabilityStore store;
    private final GovernanceLoader loader;

    public StoredGovernanceConfig(ReliabilityStore store) {
        this(store, new GovernanceLoader());
    }

    public StoredGovernanceConfig(ReliabilityStore store, GovernanceLoader loader) {
        this.store = Objects.requireNonNull(store, "store");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /**
     * Validates {@code yaml}, then stores its exact text.
     *
     * @param sourceName names the document in problems, e.g. the file it was read from
     * @return the settings it declares
     * @throws ConfigException when it does not load; nothing is stored then
     */
    public GovernanceConfig save(byte[] yaml, String sourceName, Instant at) {
        GovernanceConfig config = loader.load(yaml, sourceName);
        store.saveSetting(SETTING, new String(yaml, StandardCharsets.UTF_8), at);
        return config;
    }

    /** As {@link #save(byte[], String, Instant)}, for text held in memory. */
    public GovernanceConfig save(String yaml, String sourceName, Instant at) {
        GovernanceConfig config = loader.load(yaml, sourceName);
        store.saveSetting(SETTING, yaml, at);
        return config;
    }

    /** The stored text exactly as saved; empty when none was ever saved. */
    public Optional<String> text() {
        return store.setting(SETTING);
    }

    /**
     * The stored settings, validated again; empty when none were saved.
     *
     * @throws IllegalStateException when the stored text does not load (every problem in the message,
     *     located in the stored text), e.g. after a manual edit of the database
     */
    public Optional<GovernanceConfig> load() {
        Optional<String> text = text();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(loader.load(text.get(), SOURCE));
        } catch (ConfigException e) {
            throw new IllegalStateException(
                    "the governance settings in the store (setting " + SETTING + ") are invalid; apply a valid"
                            + " file with 'arf governance settings apply FILE':\n" + e.getMessage(),
                    e);
        }
    }

    /**
     * The stored settings, or {@link GovernanceConfig#builtIn()} when none were saved.
     *
     * @throws IllegalStateException as {@link #load()}
     */
    public GovernanceConfig loadOrBuiltIn() {
        return load().orElseGet(GovernanceConfig::builtIn);
    }
}
