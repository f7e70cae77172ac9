package dev.arf.store;

import dev.arf.core.store.ReliabilityStore;
import dev.arf.testkit.ReliabilityStoreContract;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The embedded H2 store passes the whole store contract, durability included. */
class EmbeddedStoreTest extends ReliabilityStoreContract {
    @TempDir
    Path temp;

    private final Map<ReliabilityStore, Path> dirs = new IdentityHashMap<>();
    private int next;

    @Override
    protected ReliabilityStore newStore() {
        return open(temp.resolve("data-" + next++));
    }

    @Override
    protected boolean isDurable() {
        return true;
    }

    @Override
    protected ReliabilityStore reopen(ReliabilityStore closed) {
        return open(dirs.get(closed));
    }

    private ReliabilityStore open(Path dir) {
        ReliabilityStore store = Stores.embedded(dir, 50);
        dirs.put(store, dir);
        return store;
    }
}
