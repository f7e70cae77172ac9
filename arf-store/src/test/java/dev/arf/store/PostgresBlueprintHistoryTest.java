package dev.arf.store;

import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.testkit.BlueprintHistoryContract;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL store's blueprint history passes the whole contract against a real server,
 * including two stores (as two processes would) recording the same blueprint at once.
 */
class PostgresBlueprintHistoryTest extends BlueprintHistoryContract {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private final Map<BlueprintHistory, JdbcReliabilityStore> stores = new IdentityHashMap<>();
    private final Map<BlueprintHistory, String> urls = new IdentityHashMap<>();

    @Override
    protected BlueprintHistory newHistory() {
        return open(POSTGRES.createDatabase());
    }

    @Override
    protected boolean isDurable() {
        return true;
    }

    @Override
    protected void close(BlueprintHistory history) {
        stores.get(history).close();
    }

    @Override
    protected BlueprintHistory reopen(BlueprintHistory closed) {
        return open(urls.get(closed));
    }

    @Override
    protected Optional<BlueprintHistory> secondWriter(BlueprintHistory history) {
        return Optional.of(open(urls.get(history)));
    }

    private BlueprintHistory open(String url) {
        JdbcReliabilityStore store = Stores.postgres(url, PostgresServer.USER, null);
        stores.put(store.blueprints(), store);
        urls.put(store.blueprints(), url);
        return store.blueprints();
    }
}
