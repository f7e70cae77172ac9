package dev.arf.store;

import dev.arf.core.audit.AuditLog;
import dev.arf.testkit.AuditLogContract;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL store's audit log passes the whole audit contract against a real server. */
class PostgresAuditLogTest extends AuditLogContract {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private final Map<AuditLog, JdbcReliabilityStore> stores = new IdentityHashMap<>();
    private final Map<AuditLog, String> urls = new IdentityHashMap<>();

    @Override
    protected AuditLog newLog() {
        return open(POSTGRES.createDatabase());
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
        return open(urls.get(closed));
    }

    private AuditLog open(String url) {
        JdbcReliabilityStore store = Stores.postgres(url, PostgresServer.USER, null);
        stores.put(store.audit(), store);
        urls.put(store.audit(), url);
        return store.audit();
    }
}
