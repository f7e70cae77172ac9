package dev.arf.core.blueprint;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a blueprint applies. A blueprint that names none applies to {@link #PROD}, the strictest. */
public enum Environment {
    DEV,
    STAGE,
    PROD;

    /** The name used in files: {@code dev}, {@code stage}, {@code prod}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Environment> byKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key().equals(key)).findFirst();
    }
}
