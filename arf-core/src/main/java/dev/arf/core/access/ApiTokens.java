package dev.arf.core.access;

import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Issues, checks and revokes API tokens. A token is {@code arf_} and 256 random bits in URL-safe
 * Base64; only its SHA-256 is stored, so a copy of the store gives nobody a usable token. A presented
 * token is hashed and looked up by hash, then the hashes are compared in constant time.
 *
 * <p>Creation and revocation are on the audit trail (id, name, role, who; never the secret) before
 * they take effect. Thread-safe.
 */
public final class ApiTokens {
    /** What a token looks like: the prefix and 43 URL-safe Base64 characters (32 bytes). */
    public static final Pattern FORMAT = Pattern.compile("arf_[A-Za-z0-9_-]{43}");

    public static final String AUDIT_CREATED = "API_TOKEN_CREATED";
    public static final String AUDIT_REVOKED = "API_TOKEN_REVOKED";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@:+-]{0,127}");

    private final ApiTokenStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final Random random;

    /**
     * @param random the source of token secrets and ids: a {@link java.security.SecureRandom} in
     *     production
     */
    public ApiTokens(ApiTokenStore store, AuditLog audit, Clock clock, Random random) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Creates a token; its secret is in the result and nowhere else.
     *
     * @param name who holds it (letters, digits, space and {@code . _ @ : + -}, at most 128)
     * @param createdBy who creates it, for the audit trail
     * @throws IllegalArgumentException for an invalid name
     */
    public synchronized IssuedToken create(String name, Role role, String createdBy) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdBy, "createdBy");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a token name has 1 to 128 characters: letters, digits, space and"
                    + " . _ @ : + - (starting with a letter or digit)");
        }
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = "arf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        byte[] idBytes = new byte[5];
        random.nextBytes(idBytes);
        String id = "TOK-" + HexFormat.of().formatHex(idBytes).toUpperCase(Locale.ROOT);
        ApiToken token = new ApiToken(id, name, role, hash(secret), clock.instant(), createdBy, null);
        audit.append(new AuditEntry(
                token.createdAt(),
                AUDIT_CREATED,
                "token:" + id,
                createdBy,
                Map.of("id", id, "name", name, "role", role.key())));
        store.save(token);
        return new IssuedToken(token, secret);
    }

    /** The valid (not revoked) token whose secret this is; empty for anything else. */
    public Optional<ApiToken> authenticate(String presented) {
        if (presented == null || !FORMAT.matcher(presented).matches()) {
            return Optional.empty();
        }
        String hash = hash(presented);
        return store.byHash(hash)
                .filter(t -> MessageDigest.isEqual(
                        t.hash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII)))
                .filter(t -> !t.revoked());
    }

    /**
     * Revokes a token; its holder is refused from then on.
     *
     * @return the revoked token; empty when there is no token with this id
     */
    public synchronized Optional<ApiToken> revoke(String id, String by) {
        Objects.requireNonNull(by, "by");
        Optional<ApiToken> found = store.byId(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().revoked()) {
            return found;
        }
        ApiToken revoked = found.get().revoke(clock.instant());
        audit.append(new AuditEntry(
                revoked.revokedAt(),
                AUDIT_REVOKED,
                "token:" + id,
                by,
                Map.of("id", id, "name", revoked.name(), "role", revoked.role().key())));
        store.save(revoked);
        return Optional.of(revoked);
    }

    /** Every token, revoked ones included, oldest first. */
    public List<ApiToken> list() {
        return store.all();
    }

    /** Whether no valid token exists (the server then creates the first admin token). */
    public boolean noneValid() {
        return store.all().stream().allMatch(ApiToken::revoked);
    }

    /** Lower-case hex SHA-256 of a secret. */
    public static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
