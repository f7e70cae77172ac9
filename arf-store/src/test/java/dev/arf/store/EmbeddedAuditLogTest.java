package dev.arf.store;

import dev.arf.core.audit.AuditLog;
import dev.arf.testkit.AuditLogContract;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's audit log passes the whole audit contract, durability included. */
class EmbeddedAuditLogTest extends AuditLogContract {
    @TempDir
    Path temp;

    private final Map<AuditLog, JdbcReliabilityStore> stores = new IdentityHashMap<>();
    private final Map<AuditLog, Path> dirs = new IdentityHashMap<>();
    private int next;

    @Override
    protected AuditLog newLog() {
        return open(temp.resolve("data-" + next++));
    }

    @Override
    protected boolean isDurable() {
        return true;
    }

    @Override
    protected void close(AuditLog log) {
        stores.get(log).close();
    }

    @Override
    protected AuditLog reopen(AuditLog closed) {
        return open(dirs.get(closed));
    }

    private AuditLog open(Path dir) {
        JdbcReliabilityStore store = Stores.embedded(dir);
        stores.put(store.audit(), store);
        dirs.put(store.audit(), dir);
        return store.audit();
    }
}
