package dev.arf.store;

import dev.arf.testkit.NotificationStoreContract;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL store's outbox and webhook subscriptions pass the whole contract against a real server. */
class PostgresNotificationStoreTest extends NotificationStoreContract {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private final Map<NotificationStorage, JdbcReliabilityStore> stores = new IdentityHashMap<>();
    private final Map<NotificationStorage, String> urls = new IdentityHashMap<>();

    @Override
    protected NotificationStorage newStorage() {
        return open(POSTGRES.createDatabase());
    }

    @Override
    protected boolean isDurable() {
        return true;
    }

    @Override
    protected void close(NotificationStorage storage) {
        stores.get(storage).close();
    }

    @Override
    protected NotificationStorage reopen(NotificationStorage closed) {
        return open(urls.get(closed));
    }

    private NotificationStorage open(String url) {
        JdbcReliabilityStore store = Stores.postgres(url, PostgresServer.USER, null);
        NotificationStorage storage = new NotificationStorage(store.outbox(), store.webhookSubscriptions());
        stores.put(storage, store);
        urls.put(storage, url);
        return storage;
    }
}
