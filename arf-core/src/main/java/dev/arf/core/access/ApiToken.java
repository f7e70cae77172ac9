package dev.arf.core.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An API token as it is kept: never the secret itself, only its SHA-256.
 *
 * @param id public identifier, e.g. {@code TOK-1A2B3C4D5E}, used to list and revoke
 * @param name who or what holds it; the identity recorded when its holder approves or acts
 * @param hash lower-case hex SHA-256 of the secret
 * @param createdBy who created it ({@code bootstrap} for the first admin token)
 * @param revokedAt null while the token is valid
 */
public record ApiToken(
        String id, String name, Role role, String hash, Instant createdAt, String createdBy, Instant revokedAt) {
    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a token hash is 64 lower-case hex digits");
        }
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public Optional<Instant> revokedAtOptional() {
        return Optional.ofNullable(revokedAt);
    }

    public ApiToken revoke(Instant at) {
        return new ApiToken(id, name, role, hash, createdAt, createdBy, at);
    }
}
