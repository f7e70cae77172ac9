package dev.arf.core.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A value that must never be shown: a webhook signing secret, an integration key, a password, a URL
 * whose path is a credential (Slack's incoming webhooks). {@link #toString()} is always {@code ****};
 * only {@link #reveal()} gives the value, for the one place that sends it. Equality compares values in
 * constant time.
 */
public final class Secret {
    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException for an empty value */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** The value itself: call it only where it is sent or stored, never to log or print. */
    public String reveal() {
        return value;
    }

    /** Replaces every occurrence of this secret in {@code text} with {@link #MASK}. */
    public String maskIn(String text) {
        return text == null ? null : text.replace(value, MASK);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.length();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
