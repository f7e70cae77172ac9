package dev.arf.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arf.core.audit.AuditChain;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditEvents;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do, as a test kit: extend it, implement {@link #newLog()} (and
 * {@link #close} / {@link #reopen} for durable logs), and the adapter is checked against the same
 * contract as the in-memory log.
 *
 * <p>The contract: appends get consecutive sequence numbers from 1, each record's previous hash is
 * the hash of the record before it ({@link AuditChain#GENESIS} for the first) and its hash is {@link
 * AuditChain#hash}; {@code read(from, limit)} returns the records from {@code from} on, in order, at
 * most {@code limit}, refusing a negative limit; every entry comes back equal to what was appended
 * (details with any Unicode or empty values included); concurrent appends form one intact chain.
 * Durable logs also keep the chain across close and reopen and continue it from the last hash.
 *
 * <p>Instants are compared exactly, so test data uses microsecond precision: what PostgreSQL keeps.
 */
public abstract class AuditLogContract {

    /** A base instant with microseconds, as PostgreSQL keeps them. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    private final List<AuditLog> opened = new ArrayList<>();

    /** A new, empty log. The kit passes it to {@link #close} after each test. */
    protected abstract AuditLog newLog();

    /** True when {@link #reopen} is implemented: the log keeps its chain across close and reopen. */
    protected boolean isDurable() {
        return false;
    }

    /** Releases what is behind {@code log} (its store). Called once per log the kit opened. */
    protected void close(AuditLog log) {}

    /**
     * Opens again the storage behind {@code closed}, which the kit has just passed to {@link
     * #close}. Only called when {@link #isDurable()}.
     */
    protected AuditLog reopen(AuditLog closed) {
        throw new UnsupportedOperationException("not a durable log");
    }

    @AfterEach
    final void closeOpenedLogs() {
        opened.forEach(this::close);
        opened.clear();
    }

    private AuditLog log() {
        AuditLog log = newLog();
        opened.add(log);
        return log;
    }

    private AuditLog closeAndReopen(AuditLog log) {
        opened.remove(log);
        close(log);
        AuditLog reopened = reopen(log);
        opened.add(reopened);
        return reopened;
    }

    // ---------------------------------------------------------------- the chain

    @Test
    void appendsAreNumberedFromOneAndEachIsChainedToThePreviousHash() {
        AuditLog log = log();

        List<AuditRecord> appended = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            appended.add(log.append(entry(i)));
        }

        String previous = AuditChain.GENESIS;
        for (int i = 0; i < appended.size(); i++) {
            AuditRecord r = appended.get(i);
            assertThat(r.sequence()).isEqualTo(i + 1);
            assertThat(r.entry()).isEqualTo(entry(i));
            assertThat(r.previousHash()).isEqualTo(previous);
            assertThat(r.hash()).isEqualTo(AuditChain.hash(r.sequence(), previous, r.entry()));
            previous = r.hash();
        }
        assertThat(log.size()).isEqualTo(5);
        assertThat(log.read(1, Integer.MAX_VALUE)).containsExactlyElementsOf(appended);
    }

    @Test
    void anEmptyLogHasNoRecords() {
        AuditLog log = log();

        assertThat(log.size()).isZero();
        assertThat(log.read(1, 10)).isEmpty();
    }

    @Test
    void readStartsAtTheGivenSequenceAndReturnsAtMostLimitInOrder() {
        AuditLog log = log();
        List<AuditRecord> appended = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            appended.add(log.append(entry(i)));
        }

        assertThat(log.read(3, 4)).containsExactlyElementsOf(appended.subList(2, 6));
        assertThat(log.read(8, 100)).containsExactlyElementsOf(appended.subList(7, 10));
        assertThat(log.read(0, 2)).containsExactlyElementsOf(appended.subList(0, 2));
        assertThat(log.read(1, 0)).isEmpty();
        assertThat(log.read(11, 5)).isEmpty();
    }

    @Test
    void aNegativeLimitIsRefused() {
        AuditLog log = log();

        assertThatThrownBy(() -> log.read(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detailsWithUnicodeAndEmptyValuesComeBackExactly() {
        AuditLog log = log();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", "COOLDOWN_ACTIVE");
        details.put("empty", "");
        details.put("ünïcødé", "Zürich — 東京 — 🚀 \"quoted\" \\ back\\slash\nnew line\ttab");
        details.put("json-ish", "{\"a\":[1,2]}");
        details.put("", "empty key");
        AuditEntry entry = new AuditEntry(T0, AuditEvents.ORCH_REFUSE, "payments ✓", "policy:ünï", details);

        AuditRecord appended = log.append(entry);

        assertThat(log.read(1, 1)).containsExactly(appended);
        assertThat(log.read(1, 1).getFirst().entry().details()).isEqualTo(entry.details());
        assertThat(AuditChain.verify(log.read(1, Integer.MAX_VALUE)).intact()).isTrue();
    }

    @Test
    void anEntryWithoutDetailsComesBackWithoutDetails() {
        AuditLog log = log();
        AuditEntry entry = new AuditEntry(T0, AuditEvents.INCIDENT_OPENED, "checkout", "engine", Map.of());

        log.append(entry);

        assertThat(log.read(1, 1).getFirst().entry()).isEqualTo(entry);
    }

    @Test
    void instantsComeBackToTheMicrosecond() {
        AuditLog log = log();
        List<Instant> instants = List.of(
                T0,
                Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("2026-12-31T23:59:59.999999Z"),
                Instant.parse("2026-06-15T12:00:00.000001Z"),
                Instant.parse("2001-02-03T04:05:06.700Z"));
        for (Instant at : instants) {
            log.append(new AuditEntry(at, AuditEvents.RUNTIME_EMIT, "checkout", "engine", Map.of("k", "v")));
        }

        assertThat(log.read(1, 10)).extracting(r -> r.entry().at()).containsExactlyElementsOf(instants);
        assertThat(AuditChain.verify(log.read(1, 10)).intact()).isTrue();
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void fourThreadsAppendingAtOnceBuildOneIntactChain() throws Exception {
        AuditLog log = log();
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<List<AuditRecord>> returned = new ArrayList<>();
        try {
            List<Future<List<AuditRecord>>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    List<AuditRecord> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(log.append(new AuditEntry(
                                T0.plusMillis(i),
                                AuditEvents.ORCH_EXEC,
                                "svc-" + thread,
                                "thread-" + thread,
                                Map.of("i", Integer.toString(i)))));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<AuditRecord>> f : done) {
                returned.add(f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<AuditRecord> chain = log.read(1, Integer.MAX_VALUE);
        assertThat(chain).hasSize(threads * perThread);
        AuditChain.Verification verification = AuditChain.verify(chain);
        assertThat(verification.intact()).as(verification.problem()).isTrue();
        assertThat(log.size()).isEqualTo(threads * perThread);
        // What each append returned is what the chain holds, and each thread's records stay in its order.
        for (List<AuditRecord> mine : returned) {
            for (AuditRecord r : mine) {
                assertThat(chain.get((int) r.sequence() - 1)).isEqualTo(r);
            }
            assertThat(mine).extracting(AuditRecord::sequence).isSorted();
        }
    }

    // ---------------------------------------------------------------- durability

    @Test
    void theChainSurvivesCloseAndReopenAndContinuesFromItsLastHash() {
        assumeTrue(isDurable(), "not a durable log");
        AuditLog log = log();
        List<AuditRecord> before = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            before.add(log.append(entry(i)));
        }

        AuditLog reopened = closeAndReopen(log);

        assertThat(reopened.size()).isEqualTo(7);
        assertThat(reopened.read(1, Integer.MAX_VALUE)).containsExactlyElementsOf(before);
        AuditRecord next = reopened.append(entry(7));
        assertThat(next.sequence()).isEqualTo(8);
        assertThat(next.previousHash()).isEqualTo(before.getLast().hash());
        AuditChain.Verification verification = AuditChain.verify(reopened.read(1, Integer.MAX_VALUE));
        assertThat(verification.intact()).as(verification.problem()).isTrue();
        assertThat(verification.checked()).isEqualTo(8);
    }

    @Test
    void anEmptyChainReopensEmptyAndStartsAtGenesis() {
        assumeTrue(isDurable(), "not a durable log");
        AuditLog reopened = closeAndReopen(log());

        AuditRecord first = reopened.append(entry(0));

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
    }

    /** The i-th test entry: distinct, microsecond instants, a few details. */
    protected static AuditEntry entry(int i) {
        return new AuditEntry(
                T0.plusNanos(i * 1_001_000L),
                i % 2 == 0 ? AuditEvents.ORCH_EXEC : AuditEvents.POLICY_DECISION,
                "payments",
                "engine",
                Map.of("attempt", Integer.toString(i), "action", "RESTART", "reason", "latency p99 " + i + " ms"));
    }
}
