package dev.arf.core.policy;

import java.util.Optional;

/** What a healing policy may ask for; seed 000's HealingAction, by YAML name. */
public enum HealingAction {
    RESTART_CONTAINER("restart_container"),
    SCALE_OUT("scale_out"),
    SCALE_IN("scale_in"),
    TRAFFIC_SHIFT("traffic_shift"),
    CIRCUIT_BREAKER("circuit_breaker"),
    ROLLBACK("rollback"),
    ALERT_TEAM("alert_team"),
    NO_ACTION("no_action");

    private final String key;

    HealingAction(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** True for actions that change the running system (everything but alerting and no-op). */
    public boolean mutates() {
        return this != ALERT_TEAM && this != NO_ACTION;
    }

    public static Optional<HealingAction> byKey(String key) {
        for (HealingAction a : values()) {
            if (a.key.equals(key)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
