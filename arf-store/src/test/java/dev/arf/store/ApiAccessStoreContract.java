package dev.arf.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.access.ApiToken;
import dev.arf.core.access.ApiTokens;
import dev.arf.core.access.IssuedToken;
import dev.arf.core.access.Role;
import dev.arf.core.store.TelemetryJournal;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What the HTTP API keeps in the store (V6): hashed tokens and the idempotent telemetry journal. */
abstract class ApiAccessStoreContract {
    static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    /** A fresh, empty store. */
    abstract JdbcReliabilityStore newStore();

    /** The same database opened again after {@code store} was closed. */
    abstract JdbcReliabilityStore reopen(JdbcReliabilityStore store);

    private static ApiTokens tokens(JdbcReliabilityStore store) {
        return new ApiTokens(store.apiTokens(), store.audit(), Clock.fixed(T0, ZoneOffset.UTC), new Random(7));
    }

    private static TelemetryEvent event(String service, int second) {
        return TelemetryEvent.builder(service, T0.plusSeconds(second))
                .latencyP99(100 + second)
                .errorRate(0.01)
                .build();
    }

    @Test
    void aTokenSurvivesARestartAsAHashAndAuthenticates() {
        JdbcReliabilityStore store = newStore();
        IssuedToken issued = tokens(store).create("alice", Role.APPROVER, "test");
        store = reopen(store);
        try {
            assertThat(tokens(store).authenticate(issued.secret()))
                    .get()
                    .extracting(ApiToken::name, ApiToken::role)
                    .containsExactly("alice", Role.APPROVER);
            assertThat(store.apiTokens().all()).singleElement().satisfies(t -> {
                assertThat(t.hash()).isEqualTo(ApiTokens.hash(issued.secret()));
                assertThat(t.hash()).doesNotContain(issued.secret());
            });
            assertThat(store.audit().read(1, 10))
                    .singleElement()
                    .satisfies(r -> assertThat(r.entry().toString()).doesNotContain(issued.secret()));
        } finally {
            store.close();
        }
    }

    @Test
    void aRevokedTokenNoLongerAuthenticatesAndStaysListed() {
        try (JdbcReliabilityStore store = newStore()) {
            ApiTokens tokens = tokens(store);
            IssuedToken issued = tokens.create("ci", Role.OPERATOR, "test");
            assertThat(tokens.revoke(issued.token().id(), "test")).get().matches(ApiToken::revoked);
            assertThat(tokens.authenticate(issued.secret())).isEmpty();
            assertThat(tokens.list()).singleElement().matches(ApiToken::revoked);
            assertThat(tokens.noneValid()).isTrue();
        }
    }

    @Test
    void aJournalWriteStoresEventsAndItsKeyOnce() {
        try (JdbcReliabilityStore store = newStore()) {
            TelemetryJournal journal = store.telemetryJournal();
            TelemetryJournal.Receipt first =
                    journal.write("key-1", List.of(event("api", 1), event("api", 2)), T0.plusNanos(603_037_999));
            TelemetryJournal.Receipt again = journal.write("key-1", List.of(event("api", 1), event("api", 2)), T0);
            assertThat(first.replayed()).isFalse();
            assertThat(again.replayed()).isTrue();
            assertThat(again.at()).isEqualTo(first.at());
            assertThat(again.events()).isEqualTo(2);
            assertThat(again.fingerprint())
                    .isEqualTo(first.fingerprint())
                    .isEqualTo(TelemetryJournal.fingerprint(List.of(event("api", 1), event("api", 2))))
                    .isNotEqualTo(TelemetryJournal.fingerprint(List.of(event("api", 1))));
            assertThat(store.recentEvents("api", 10)).hasSize(2);
            assertThat(journal.receipt("key-1")).get().matches(TelemetryJournal.Receipt::replayed);
            assertThat(journal.receipt("key-2")).isEmpty();
        }
    }

    @Test
    void writesWithoutAKeyAreAllStored() {
        try (JdbcReliabilityStore store = newStore()) {
            store.telemetryJournal().write(null, List.of(event("api", 1)), T0);
            store.telemetryJournal().write(null, List.of(event("api", 1)), T0);
            assertThat(store.recentEvents("api", 10)).hasSize(2);
        }
    }

    @Test
    void concurrentWritesWithOneKeyStoreTheEventsOnce() throws Exception {
        try (JdbcReliabilityStore store = newStore()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<TelemetryJournal.Receipt>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Callable<TelemetryJournal.Receipt> write =
                            () -> store.telemetryJournal().write("same", List.of(event("race", 1)), T0);
                    results.add(pool.submit(write));
                }
                int fresh = 0;
                for (Future<TelemetryJournal.Receipt> f : results) {
                    fresh += f.get().replayed() ? 0 : 1;
                }
                assertThat(fresh).isEqualTo(1);
                assertThat(store.recentEvents("race", 10)).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
