package dev.arf.core.blueprint;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whether the business depends on the service directly ({@link #CRITICAL}) or not. */
public enum Criticality {
    CRITICAL,
    STANDARD;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Criticality> byKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key().equals(key)).findFirst();
    }
}
