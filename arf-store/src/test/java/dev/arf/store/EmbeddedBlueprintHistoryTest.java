package dev.arf.store;

import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.testkit.BlueprintHistoryContract;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's blueprint history passes the whole contract, durability included. */
class EmbeddedBlueprintHistoryTest extends BlueprintHistoryContract {
    @TempDir
    Path temp;

    private final Map<BlueprintHistory, JdbcReliabilityStore> stores = new IdentityHashMap<>();
    private final Map<BlueprintHistory, Path> dirs = new IdentityHashMap<>();
    private int next;

    @Override
    protected BlueprintHistory newHistory() {
        return open(temp.resolve("data-" + next++));
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
        return open(dirs.get(closed));
    }

    private BlueprintHistory open(Path dir) {
        JdbcReliabilityStore store = Stores.embedded(dir);
        stores.put(store.blueprints(), store);
        dirs.put(store.blueprints(), dir);
        return store.blueprints();
    }
}
