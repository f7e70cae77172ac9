package dev.arf.store;

import dev.arf.testkit.NotificationStoreContract;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's outbox and webhook subscriptions pass the whole contract, durability included. */
class EmbeddedNotificationStoreTest extends NotificationStoreContract {
    @TempDir
    Path temp;

    private final Map<NotificationStorage, JdbcReliabilityStore> stores = new IdentityHashMap<>();
    private final Map<NotificationStorage, Path> dirs = new IdentityHashMap<>();
    private int next;

    @Override
    protected NotificationStorage newStorage() {
        return open(temp.resolve("data-" + next++));
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
        return open(dirs.get(closed));
    }

    private NotificationStorage open(Path dir) {
        JdbcReliabilityStore store = Stores.embedded(dir);
        NotificationStorage storage = new NotificationStorage(store.outbox(), store.webhookSubscriptions());
        stores.put(storage, store);
        dirs.put(storage, dir);
        return storage;
    }
}
