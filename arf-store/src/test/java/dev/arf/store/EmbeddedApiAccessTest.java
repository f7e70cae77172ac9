package dev.arf.store;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedApiAccessTest extends ApiAccessStoreContract {
    @TempDir
    Path temp;

    private final Map<JdbcReliabilityStore, Path> dirs = new IdentityHashMap<>();
    private int next;

    @Override
    JdbcReliabilityStore newStore() {
        return open(temp.resolve("data-" + next++));
    }

    @Override
    JdbcReliabilityStore reopen(JdbcReliabilityStore store) {
        store.close();
        return open(dirs.get(store));
    }

    private JdbcReliabilityStore open(Path dir) {
        JdbcReliabilityStore store = Stores.embedded(dir);
        dirs.put(store, dir);
        return store;
    }
}
