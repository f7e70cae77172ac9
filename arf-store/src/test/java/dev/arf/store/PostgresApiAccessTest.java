package dev.arf.store;

import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresApiAccessTest extends ApiAccessStoreContract {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private final Map<JdbcReliabilityStore, String> urls = new IdentityHashMap<>();

    @Override
    JdbcReliabilityStore newStore() {
        return open(POSTGRES.createDatabase());
    }

    @Override
    JdbcReliabilityStore reopen(JdbcReliabilityStore store) {
        store.close();
        return open(urls.get(store));
    }

    private JdbcReliabilityStore open(String url) {
        JdbcReliabilityStore store = Stores.postgres(url, PostgresServer.USER, null);
        urls.put(store, url);
        return store;
    }
}
