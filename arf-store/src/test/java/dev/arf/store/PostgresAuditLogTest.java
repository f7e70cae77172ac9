package dev.arf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.audit.AuditChain;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.audit.AuditUnavailableException;
import dev.arf.testkit.AuditLogContract;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

    @Test
    void aSecondProcessAppendingToTheSameChainFailsLoudlyInsteadOfForkingIt() {
        String url = POSTGRES.createDatabase();
        try (JdbcReliabilityStore first = Stores.postgres(url, PostgresServer.USER, null)) {
            first.audit().append(entry(0));
            try (JdbcReliabilityStore second = Stores.postgres(url, PostgresServer.USER, null)) {
                AuditRecord theirs = second.audit().append(entry(1));

                assertThatThrownBy(() -> first.audit().append(entry(2)))
                        .isInstanceOf(AuditUnavailableException.class)
                        .hasMessageStartingWith("another writer appended to the audit chain in the PostgreSQL at ")
                        .hasMessageContaining("record 2 already exists");

                AuditRecord next = first.audit().append(entry(3));
                assertThat(next.sequence()).isEqualTo(3);
                assertThat(next.previousHash()).isEqualTo(theirs.hash());
                AuditChain.Verification v = AuditChain.verify(first.audit().read(1, Integer.MAX_VALUE));
                assertThat(v.intact()).as(v.problem()).isTrue();
                assertThat(v.checked()).isEqualTo(3);
            }
        }
    }
}
