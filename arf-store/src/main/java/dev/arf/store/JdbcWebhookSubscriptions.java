package dev.arf.store;

import dev.arf.core.notify.Secret;
import dev.arf.core.notify.WebhookSubscription;
import dev.arf.core.notify.WebhookSubscriptions;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link WebhookSubscriptions} in the store's database ({@code webhook_subscriptions}, V7), one per
 * {@link JdbcReliabilityStore}. Saves are committed (and, embedded, written to the file) before they
 * return. The signing secrets are stored as given: every delivery is signed with them again.
 */
final class JdbcWebhookSubscriptions implements WebhookSubscriptions {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String COLUMNS = "id, url, event_types, services, secrets, description, created_at";

    private final Database database;
    private final Runnable ensureOpen;
    private final JsonMapper json = JsonMapper.builder().build();

    JdbcWebhookSubscriptions(Database database, Runnable ensureOpen) {
        this.database = database;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public void save(WebhookSubscription s) {
        Objects.requireNonNull(s, "subscription");
        ensureOpen.run();
        database.run("save webhook " + s.id(), c -> {
            try (PreparedStatement update =
                            c.prepareStatement("UPDATE webhook_subscriptions SET url = ?, event_types = ?,"
                                    + " services = ?, secrets = ?, description = ?, created_at = ? WHERE id = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO webhook_subscriptions (url, event_types, services, secrets, description,"
                                    + " created_at, id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                bind(update, s);
                bind(insert, s);
                SqlValues.upsert(update, insert);
            }
            database.writeCritical(c);
            return null;
        });
    }

    private void bind(PreparedStatement ps, WebhookSubscription s) throws SQLException {
        ps.setString(1, s.url().toString());
        ps.setString(2, json.writeValueAsString(s.eventTypes().stream().sorted().toList()));
        ps.setString(3, json.writeValueAsString(s.services().stream().sorted().toList()));
        ps.setString(
                4,
                json.writeValueAsString(s.secrets().stream().map(Secret::reveal).toList()));
        ps.setString(5, s.description());
        SqlValues.setInstant(ps, 6, s.createdAt());
        ps.setString(7, s.id());
    }

    @Override
    public Optional<WebhookSubscription> find(String id) {
        ensureOpen.run();
        return database.run(
                "read webhook " + id,
                c -> query(c, "SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE id = ?", id).stream()
                        .findFirst());
    }

    @Override
    public List<WebhookSubscription> all() {
        ensureOpen.run();
        return database.run(
                "list the webhooks",
                c -> query(c, "SELECT " + COLUMNS + " FROM webhook_subscriptions ORDER BY created_at, id", null));
    }

    @Override
    public boolean remove(String id) {
        ensureOpen.run();
        return database.run("remove webhook " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook_subscriptions WHERE id = ?")) {
                ps.setString(1, id);
                boolean removed = ps.executeUpdate() > 0;
                database.writeCritical(c);
                return removed;
            }
        });
    }

    private List<WebhookSubscription> query(java.sql.Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setString(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<WebhookSubscription> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new WebhookSubscription(
                            rs.getString("id"),
                            URI.create(rs.getString("url")),
                            new LinkedHashSet<>(json.readValue(rs.getString("event_types"), STRINGS)),
                            new LinkedHashSet<>(json.readValue(rs.getString("services"), STRINGS)),
                            json.readValue(rs.getString("secrets"), STRINGS).stream()
                                    .map(Secret::of)
                                    .toList(),
                            rs.getString("description"),
                            SqlValues.instant(rs, "created_at")));
                }
                return out;
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcWebhookSubscriptions[" + database.where() + "]";
    }
}
