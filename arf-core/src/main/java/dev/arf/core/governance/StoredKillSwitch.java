package dev.arf.core.governance;

import dev.arf.core.store.ReliabilityStore;
import java.util.Objects;
import java.util.Optional;

/**
 * The kill switch as a setting in the store, so every ARF process on the store obeys it and it
 * survives restarts. {@code on} engages it, {@code off} or no setting releases it; anything else, or a
 * store that cannot be read, throws, and the Guardian treats that as engaged (fail closed).
 */
public final class StoredKillSwitch implements KillSwitch {
    public static final String SETTING = "kill_switch";

    private final ReliabilityStore store;

    public StoredKillSwitch(ReliabilityStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public boolean engaged() {
        Optional<String> value = store.setting(SETTING);
        if (value.isEmpty() || value.get().equals("off")) {
            return false;
        }
        if (value.get().equals("on")) {
            return true;
        }
        throw new IllegalStateException("kill switch setting is '" + value.get() + "', expected on or off");
    }
}
