package dev.arf.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.core.blueprint.BlueprintVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlueprintHistory} must do, as a test kit: extend it, implement {@link
 * #newHistory()} (and {@link #close} / {@link #reopen} for durable ones, {@link #secondWriter} where
 * two processes can share the storage), and the adapter is held to the same contract as the in-memory
 * one.
 *
 * <p>The contract: versions of a name count from 1 without gaps; recording the latest version's YAML
 * again adds nothing and returns that version; an earlier text recorded again is a new version;
 * {@code versions} is newest first; every field comes back exactly (any Unicode, carriage returns,
 * large documents, instants to the microsecond); names are kept apart and listed sorted; blank and
 * over-long names are refused; a removal is empty YAML; concurrent writers — threads, and processes
 * where the storage is shared — still get consecutive versions, each text once.
 */
public abstract class BlueprintHistoryContract {
    /** A base instant with microseconds, as PostgreSQL keeps them. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    private static final String V1 = """
            metadata:
              name: checkout
              version: 1.0.0
            governance:
              agent_authority:
                allowed_operations: [restart_pods]
            """;
    private static final String V2 = V1.replace("[restart_pods]", "[restart_pods, scale_within_limits]");

    private final List<BlueprintHistory> opened = new ArrayList<>();

    /** A new, empty history. The kit passes it to {@link #close} after each test. */
    protected abstract BlueprintHistory newHistory();

    /** True when {@link #reopen} is implemented: the history survives close and reopen. */
    protected boolean isDurable() {
        return false;
    }

    /** Releases what is behind {@code history}. Called once per history the kit opened. */
    protected void close(BlueprintHistory history) {}

    /** Opens again the storage behind {@code closed}, just passed to {@link #close}. Only when durable. */
    protected BlueprintHistory reopen(BlueprintHistory closed) {
        throw new UnsupportedOperationException("not a durable history");
    }

    /**
     * A second, independent instance over the same storage as {@code history}, as another process
     * would open it; empty when the storage cannot be shared (the kit then skips that test).
     */
    protected Optional<BlueprintHistory> secondWriter(BlueprintHistory history) {
        return Optional.empty();
    }

    @AfterEach
    final void closeOpenedHistories() {
        // the last opened first: second writers before the instance they share storage with
        for (BlueprintHistory h : opened.reversed()) {
            close(h);
        }
        opened.clear();
    }

    private BlueprintHistory history() {
        BlueprintHistory h = newHistory();
        opened.add(h);
        return h;
    }

    // ---------------------------------------------------------------- versions

    @Test
    void theFirstRecordIsVersionOneWithItsHashAndEveryFieldKept() {
        BlueprintHistory history = history();

        BlueprintVersion v1 = history.record("checkout", V1, "file:checkout.yaml", "loaded at start", T0);

        assertThat(v1)
                .isEqualTo(new BlueprintVersion(
                        "checkout", 1, BlueprintVersion.sha256(V1), V1, "file:checkout.yaml", T0, "loaded at start"));
        assertThat(history.latest("checkout")).contains(v1);
        assertThat(history.version("checkout", 1)).contains(v1);
        assertThat(history.versions("checkout")).containsExactly(v1);
        assertThat(history.names()).containsExactly("checkout");
    }

    @Test
    void recordingTheLatestTextAgainAddsNothingAndReturnsTheLatest() {
        BlueprintHistory history = history();
        BlueprintVersion v1 = history.record("checkout", V1, "file:checkout.yaml", "", T0);

        BlueprintVersion again = history.record("checkout", V1, "cli:alice", "same again", T0.plusSeconds(60));

        assertThat(again).isEqualTo(v1);
        assertThat(history.versions("checkout")).containsExactly(v1);
    }

    @Test
    void aChangeIsTheNextVersionAndVersionsComeNewestFirst() {
        BlueprintHistory history = history();
        BlueprintVersion v1 = history.record("checkout", V1, "file:checkout.yaml", "", T0);

        BlueprintVersion v2 = history.record("checkout", V2, "cli:alice", "allow scaling", T0.plusSeconds(1));
        BlueprintVersion v3 = history.record("checkout", V1, "cli:bob", "back to v1's text", T0.plusSeconds(2));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.sha256()).isEqualTo(BlueprintVersion.sha256(V2));
        assertThat(v3.version())
                .as("an earlier text recorded again is a new version")
                .isEqualTo(3);
        assertThat(v3.yaml()).isEqualTo(V1);
        assertThat(history.versions("checkout")).containsExactly(v3, v2, v1);
        assertThat(history.latest("checkout")).contains(v3);
        assertThat(history.version("checkout", 2)).contains(v2);
    }

    @Test
    void anUnknownNameOrVersionIsEmpty() {
        BlueprintHistory history = history();
        history.record("checkout", V1, "file:checkout.yaml", "", T0);

        assertThat(history.versions("nope")).isEmpty();
        assertThat(history.latest("nope")).isEmpty();
        assertThat(history.version("nope", 1)).isEmpty();
        assertThat(history.version("checkout", 0)).isEmpty();
        assertThat(history.version("checkout", 2)).isEmpty();
        assertThat(history.version("checkout", -1)).isEmpty();
    }

    @Test
    void anEmptyHistoryHasNoNames() {
        assertThat(history().names()).isEmpty();
    }

    @Test
    void namesAreKeptApartAndListedSorted() {
        BlueprintHistory history = history();
        history.record("payments", V1, "a", "", T0);
        history.record("checkout", V1, "a", "", T0);
        history.record("checkout", V2, "a", "", T0);
        history.record("api-gateway", V2, "a", "", T0);

        assertThat(history.names()).containsExactly("api-gateway", "checkout", "payments");
        assertThat(history.latest("payments").orElseThrow().version()).isEqualTo(1);
        assertThat(history.latest("checkout").orElseThrow().version()).isEqualTo(2);
        assertThat(history.record("payments", V1, "b", "", T0).version())
                .as("the same text as payments' latest, though not checkout's")
                .isEqualTo(1);
    }

    @Test
    void aRemovalIsEmptyYamlAndTheBlueprintCanComeBack() {
        BlueprintHistory history = history();
        assertThat(history.recordRemoval("checkout", "file:checkout.yaml", "file removed", T0))
                .as("nothing to remove")
                .isEmpty();
        history.record("checkout", V1, "file:checkout.yaml", "", T0);

        BlueprintVersion removal = history.recordRemoval("checkout", "file:checkout.yaml", "file removed", T0)
                .orElseThrow();
        BlueprintVersion back = history.record("checkout", V1, "file:checkout.yaml", "file restored", T0);

        assertThat(removal.version()).isEqualTo(2);
        assertThat(removal.removed()).isTrue();
        assertThat(removal.yaml()).isEmpty();
        assertThat(removal.sha256()).isEqualTo(BlueprintVersion.sha256(""));
        assertThat(history.recordRemoval("checkout", "x", "", T0)).isPresent();
        assertThat(history.recordRemoval("checkout", "x", "", T0))
                .as("already removed")
                .isEmpty();
        assertThat(back.version()).isEqualTo(3);
        assertThat(history.versions("checkout"))
                .extracting(BlueprintVersion::removed)
                .containsExactly(true, false, true, false);
    }

    @Test
    void textsAndNotesComeBackExactly() {
        BlueprintHistory history = history();
        String unicode = "metadata:\r\n  name: zürich-東京 # 🚀 \"quoted\" \\ back\\slash\r\n\ttab: ''\n";
        StringBuilder large = new StringBuilder();
        for (int i = 0; i < 4_000; i++) {
            large.append("# line ").append(i).append(" of a large blueprint — ünïcødé\n");
        }
        String noFinalNewline = "a: 1\nb: 2";

        BlueprintVersion u = history.record("a", unicode, "cli:ëve", "pourquoi — 理由", T0);
        BlueprintVersion l = history.record("b", large.toString(), "file:b.yaml", "", T0);
        BlueprintVersion n = history.record("c", noFinalNewline, "file:c.yaml", "", T0);

        assertThat(history.latest("a")).contains(u);
        assertThat(history.latest("a").orElseThrow().yaml()).isEqualTo(unicode);
        assertThat(history.latest("a").orElseThrow().note()).isEqualTo("pourquoi — 理由");
        assertThat(history.latest("b").orElseThrow().yaml()).isEqualTo(large.toString());
        assertThat(history.latest("b")).contains(l);
        assertThat(history.latest("c")).contains(n);
    }

    @Test
    void instantsComeBackToTheMicrosecond() {
        BlueprintHistory history = history();
        List<Instant> instants = List.of(
                T0,
                Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("2026-12-31T23:59:59.999999Z"),
                Instant.parse("2026-06-15T12:00:00.000001Z"));
        for (int i = 0; i < instants.size(); i++) {
            history.record("checkout", V1 + "# " + i + "\n", "a", "", instants.get(i));
        }

        assertThat(history.versions("checkout").reversed())
                .extracting(BlueprintVersion::appliedAt)
                .containsExactlyElementsOf(instants);
    }

    @Test
    void blankAndOverlongNamesAreRefused() {
        BlueprintHistory history = history();

        assertThatThrownBy(() -> history.record("", V1, "a", "", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> history.record("  ", V1, "a", "", T0)).isInstanceOf(IllegalArgumentException.class);
        String longest = "x".repeat(BlueprintHistory.MAX_NAME_LENGTH);
        assertThatThrownBy(() -> history.record(longest + "x", V1, "a", "", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(history.record(longest, V1, "a", "", T0).name()).isEqualTo(longest);
        assertThat(history.names()).containsExactly(longest);
    }

    // ---------------------------------------------------------------- concurrency and durability

    @Test
    void fourThreadsRecordingAtOnceGetConsecutiveVersionsEachTextOnce() throws Exception {
        BlueprintHistory history = history();
        int threads = 4;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        history.record("checkout", V1 + "# " + thread + "/" + i + "\n", "t" + thread, "", T0);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertConsecutiveAndDistinct(history.versions("checkout"), threads * perThread);
    }

    @Test
    void theHistorySurvivesCloseAndReopen() {
        assumeTrue(isDurable(), "not a durable history");
        BlueprintHistory history = history();
        BlueprintVersion v1 = history.record("checkout", V1, "file:checkout.yaml", "", T0);
        BlueprintVersion v2 = history.record("checkout", V2, "cli:alice", "more", T0.plusSeconds(1));
        opened.remove(history);
        close(history);

        BlueprintHistory reopened = reopen(history);
        opened.add(reopened);

        assertThat(reopened.versions("checkout")).containsExactly(v2, v1);
        assertThat(reopened.record("checkout", V2, "x", "", T0)).isEqualTo(v2);
        assertThat(reopened.record("checkout", V1, "x", "", T0).version()).isEqualTo(3);
    }

    @Test
    void twoWritersSharingTheStorageGetConsecutiveVersions() throws Exception {
        BlueprintHistory first = history();
        Optional<BlueprintHistory> maybeSecond = secondWriter(first);
        assumeTrue(maybeSecond.isPresent(), "the storage cannot be shared by two writers");
        BlueprintHistory second = maybeSecond.get();
        opened.add(second);
        int perWriter = 30;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (BlueprintHistory writer : List.of(first, second)) {
                String who = writer == first ? "first" : "second";
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        writer.record("checkout", V1 + "# " + who + " " + i + "\n", who, "", T0);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertConsecutiveAndDistinct(first.versions("checkout"), 2 * perWriter);
        assertThat(second.versions("checkout")).isEqualTo(first.versions("checkout"));
    }

    private static void assertConsecutiveAndDistinct(List<BlueprintVersion> newestFirst, int expected) {
        assertThat(newestFirst).hasSize(expected);
        assertThat(newestFirst.reversed())
                .extracting(BlueprintVersion::version)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, expected).boxed().toList());
        Set<String> texts = new HashSet<>();
        newestFirst.forEach(v -> texts.add(v.yaml()));
        assertThat(texts).hasSize(expected);
    }
}
