package dev.arf.core.access;

import java.util.Objects;

/**
 * A token just created, with its secret: the only moment the secret exists outside its holder's
 * hands. {@link #toString()} leaves it out, so it cannot reach a log by accident.
 */
public record IssuedToken(ApiToken token, String secret) {
    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedToken[" + token.id() + " " + token.name() + " "
                + token.role().key() + ", secret redacted]";
    }
}
