package dev.arf.server.http;

import dev.arf.core.access.Role;
import java.util.Objects;

/**
 * Who is calling: the holder of an API token (its name is the identity recorded when they approve or
 * act), or nobody for a public route.
 */
public record Caller(String tokenId, String name, Role role) {
    /** The caller of a public route. */
    public static final Caller ANONYMOUS = new Caller("", "anonymous", null);

    public Caller {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(name, "name");
    }

    /** How this caller appears on the audit trail. */
    public String actor() {
        return "person:" + name;
    }
}
