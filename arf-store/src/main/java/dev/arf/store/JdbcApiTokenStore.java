package dev.arf.store;

import static dev.arf.store.SqlValues.instant;
import static dev.arf.store.SqlValues.setInstant;

import dev.arf.core.access.ApiToken;
import dev.arf.core.access.ApiTokenStore;
import dev.arf.core.access.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ApiTokenStore} in the store's {@code api_tokens} table (V6): hashes only. Saves are written
 * to the file before they return (as settings are), so a token shown once is never lost to a crash.
 */
final class JdbcApiTokenStore implements ApiTokenStore {
    private static final String COLUMNS = "id, name, token_role, token_hash, created_at, created_by, revoked_at";
    private static final String UPDATE = "UPDATE api_tokens SET name = ?, token_role = ?, token_hash = ?,"
            + " created_at = ?, created_by = ?, revoked_at = ? WHERE id = ?";
    private static final String INSERT = "INSERT INTO api_tokens (name, token_role, token_hash, created_at,"
            + " created_by, revoked_at, id) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Database database;
    private final Runnable ensureOpen;

    JdbcApiTokenStore(Database database, Runnable ensureOpen) {
        this.database = database;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public void save(ApiToken t) {
        Objects.requireNonNull(t, "token");
        ensureOpen.run();
        database.run("save API token " + t.id(), c -> {
            try (PreparedStatement update = c.prepareStatement(UPDATE);
                    PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (PreparedStatement ps : new PreparedStatement[] {update, insert}) {
                    ps.setString(1, t.name());
                    ps.setString(2, t.role().name());
                    ps.setString(3, t.hash());
                    setInstant(ps, 4, t.createdAt());
                    ps.setString(5, t.createdBy());
                    setInstant(ps, 6, t.revokedAt());
                    ps.setString(7, t.id());
                }
                SqlValues.upsert(update, insert);
            }
            database.writeCritical(c);
            return null;
        });
    }

    @Override
    public Optional<ApiToken> byHash(String hash) {
        ensureOpen.run();
        return database.run("find an API token", c -> first(c, "WHERE token_hash = ?", hash));
    }

    @Override
    public Optional<ApiToken> byId(String id) {
        ensureOpen.run();
        return database.run("find API token " + id, c -> first(c, "WHERE id = ?", id));
    }

    @Override
    public List<ApiToken> all() {
        ensureOpen.run();
        return database.run("list API tokens", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at, id")) {
                return read(ps);
            }
        });
    }

    private static Optional<ApiToken> first(Connection c, String where, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens " + where)) {
            ps.setString(1, value);
            return read(ps).stream().findFirst();
        }
    }

    private static List<ApiToken> read(PreparedStatement ps) throws SQLException {
        List<ApiToken> tokens = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tokens.add(new ApiToken(
                        rs.getString("id"),
                        rs.getString("name"),
                        Role.valueOf(rs.getString("token_role")),
                        rs.getString("token_hash"),
                        instant(rs, "created_at"),
                        rs.getString("created_by"),
                        instant(rs, "revoked_at")));
            }
        }
        return tokens;
    }
}
