package dev.arf.core.policy;

import java.util.Optional;

/** What a healing policy (or another proposer) may ask for; seed 000's HealingAction, by YAML name. */
public enum HealingAction {
    RESTART_CONTAINER("restart_container"),
    SCALE_OUT("scale_out"),
    SCALE_IN("scale_in"),
    TRAFFIC_SHIFT("traffic_shift"),
    CIRCUIT_BREAKER("circuit_breaker"),
    ROLLBACK("rollback"),
    /** New resource requests: parameters {@code memory} (e.g. {@code 768Mi}) and/or {@code cpu} ({@code 750m}). */
    ADJUST_RESOURCES("adjust_resources"),
    ALERT_TEAM("alert_team"),
    /**
     * Not a healing action: what an untrusted proposer (a person's typo, a model) may ask for and ARF
     * never does. It exists so that such a request is represented, refused as globally forbidden and
     * audited, rather than dropped; healing-policy files cannot name it.
     */
    DELETE_DEPLOYMENT("delete_deployment"),
    NO_ACTION("no_action");

    private final String key;

    HealingAction(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** True for what a healing policy may ask for: everything but what ARF never does. */
    public boolean healing() {
        return this != DELETE_DEPLOYMENT;
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
