package dev.arf.core.blueprint;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How much a service's needs weigh when services compete (e.g. for capacity). */
public enum Priority {
    HIGH,
    MEDIUM,
    LOW;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Priority> byKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key().equals(key)).findFirst();
    }
}
