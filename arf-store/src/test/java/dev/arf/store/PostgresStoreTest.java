package dev.arf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.store.ReliabilityStore;
import dev.arf.testkit.ReliabilityStoreContract;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL store passes the whole store contract against a real PostgreSQL server. */
class PostgresStoreTest extends ReliabilityStoreContract {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private final Map<ReliabilityStore, String> urls = new IdentityHashMap<>();

    @Override
    protected ReliabilityStore newStore() {
        return open(POSTGRES.createDatabase());
    }

    @Override
    protected boolean isDurable() {
        return true;
    }

    @Override
    protected ReliabilityStore reopen(ReliabilityStore closed) {
        return open(urls.get(closed));
    }

    private ReliabilityStore open(String url) {
        ReliabilityStore store = Stores.postgres(url, PostgresServer.USER, null, 50);
        urls.put(store, url);
        return store;
    }

    @Test
    void aUrlWithCredentialsOpensThePostgresStore() {
        String url = POSTGRES.createDatabase() + "?user=" + PostgresServer.USER;

        try (JdbcReliabilityStore store = Stores.fromUrl(url)) {
            store.append(event("checkout", T0, 1));
            assertThat(store.recentEvents("checkout", 1)).hasSize(1);
            assertThat(store.location())
                    .isEqualTo("PostgreSQL at 127.0.0.1:" + POSTGRES.port() + "/arf_test_"
                            + url.replaceAll(".*arf_test_(\\d+).*", "$1"));
        }
    }

    @Test
    void aMissingDatabaseIsReportedWithTheServerAndTheReason() {
        String url = POSTGRES.jdbcUrl("no_such_db");

        assertThatThrownBy(() -> Stores.postgres(url, PostgresServer.USER, null))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(
                        "cannot connect to PostgreSQL at 127.0.0.1:" + POSTGRES.port() + "/no_such_db: ")
                .hasMessageContaining("\"no_such_db\" does not exist");
    }

    @Test
    void migratingAnUpToDateDatabaseAgainChangesNothing() {
        String url = POSTGRES.createDatabase();
        Stores.postgres(url, PostgresServer.USER, null).close();

        try (JdbcReliabilityStore again = Stores.postgres(url, PostgresServer.USER, null)) {
            assertThat(again.incidents(false, 10)).isEmpty();
        }
    }
}
