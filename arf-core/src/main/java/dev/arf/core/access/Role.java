package dev.arf.core.access;

import java.util.Locale;
import java.util.Optional;

/**
 * What an API token may do, each role including the ones before it: a viewer reads; an operator also
 * sends telemetry and works incidents; an approver also decides approval requests; an admin also
 * changes blueprints, the kill switch and tokens.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    APPROVER,
    ADMIN;

    /** Whether a holder of this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** By key, case-insensitively: {@code viewer}, {@code operator}, {@code approver}, {@code admin}. */
    public static Optional<Role> byKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.key().equalsIgnoreCase(key.trim())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
