package dev.arf.core.access;

import java.util.List;
import java.util.Optional;

/**
 * Where API tokens are kept (hashed). Saves are durable when they return; implementations are
 * thread-safe.
 */
public interface ApiTokenStore {
    /** Inserts or replaces the token with this id. */
    void save(ApiToken token);

    Optional<ApiToken> byHash(String hash);

    Optional<ApiToken> byId(String id);

    /** Every token, revoked ones included, oldest first. */
    List<ApiToken> all();
}
