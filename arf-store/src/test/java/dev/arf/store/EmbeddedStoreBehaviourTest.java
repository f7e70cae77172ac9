package dev.arf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.Severity;
import dev.arf.core.detect.Signal;
import dev.arf.core.detect.SignalKind;
import dev.arf.core.incident.Incident;
import dev.arf.core.incident.IncidentState;
import dev.arf.core.incident.TimelineEntry;
import dev.arf.core.telemetry.TelemetryEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the JDBC adapter promises beyond the store contract: batching, restarts, locking, messages. */
class EmbeddedStoreBehaviourTest {
    private static final Instant T0 = Instant.parse("2025-06-01T10:15:30.123456Z");
    /** The write delay H2 runs with, in milliseconds. */
    private static final String WRITE_DELAY =
            "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'";

    @TempDir
    Path temp;

    @Test
    void telemetryIsWrittenInBatchesOfTheConfiguredSize() {
        try (JdbcReliabilityStore store = Stores.embedded(temp, 3)) {
            store.append(event("checkout", T0, 1));
            store.append(event("checkout", T0, 2));
            assertThat(rows(store, "telemetry_events")).isZero();
            assertThat(store.pendingTelemetry()).isEqualTo(2);

            store.append(event("checkout", T0, 3));
            assertThat(rows(store, "telemetry_events")).isEqualTo(3);
            assertThat(store.pendingTelemetry()).isZero();

            store.append(event("checkout", T0, 4));
            store.flush();
            assertThat(rows(store, "telemetry_events")).isEqualTo(4);
        }
    }

    @Test
    void incidentsAreWrittenBeforeSaveReturns() {
        try (JdbcReliabilityStore store = Stores.embedded(temp, 500)) {
            store.saveIncident(incident("INC-1", 3));

            assertThat(rows(store, "incidents")).isEqualTo(1);
        }
    }

    @Test
    void aRestartKeepsIncidentsAndEventsThatWereNeverFlushedExplicitly() {
        List<TelemetryEvent> events = new ArrayList<>();
        try (JdbcReliabilityStore store = Stores.embedded(temp)) {
            for (int i = 0; i < 1_234; i++) {
                TelemetryEvent e = event(i % 2 == 0 ? "checkout" : "payments", T0.plusMillis(i), i);
                events.add(e);
                store.append(e);
            }
            for (int i = 0; i < 20; i++) {
                store.saveIncident(incident("INC-" + i, i + 1));
            }
        }

        try (JdbcReliabilityStore reopened = Stores.embedded(temp)) {
            assertThat(reopened.recentEvents("checkout", 10_000)).hasSize(617);
            assertThat(reopened.recentEvents("payments", 1)).containsExactly(events.getLast());
            assertThat(reopened.incidents(false, 100)).hasSize(20);
            assertThat(reopened.incident("INC-19").orElseThrow().timeline()).hasSize(20);
        }
    }

    @Test
    void aNotReportedMetricIsSqlNullAndNestedValuesAreReadableJson() {
        try (JdbcReliabilityStore store = Stores.embedded(temp)) {
            store.append(event("checkout", T0, 812.5));
            store.saveAnomaly(new Detection(
                    "checkout",
                    T0,
                    0.9,
                    0.8,
                    true,
                    T0,
                    Severity.HIGH,
                    List.of(new Signal(SignalKind.RCF, "*", 3.5, Double.NaN, 3.5, T0, "odd vector")),
                    List.of(),
                    List.of(),
                    false));
            store.flush();

            assertThat(text(store, "SELECT COUNT(*) FROM telemetry_events WHERE error_rate IS NULL"))
                    .isEqualTo("1");
            assertThat(text(store, "SELECT signals FROM anomalies"))
                    .contains("\"kind\":\"RCF\"")
                    .contains("\"since\":\"2025-06-01T10:15:30.123456Z\"")
                    .contains("\"expected\":\"NaN\"");
        }
    }

    @Test
    void aSecondStoreOnTheSameDataDirectoryIsRefusedUntilTheFirstCloses() {
        JdbcReliabilityStore first = Stores.embedded(temp);

        assertThatThrownBy(() -> Stores.embedded(temp))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(
                        "data directory " + temp.toAbsolutePath() + " is in use by another ARF process");

        first.close();
        Stores.embedded(temp).close();
    }

    @Test
    void aDataDirectoryHeldByAnotherProcessIsRefusedAndFreedWhenThatProcessDies() throws Exception {
        Process other = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DataDirectoryHolder.class.getName(),
                        temp.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("the other process opened the store").isEqualTo("ready");

            assertThatThrownBy(() -> Stores.embedded(temp))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("is in use by another ARF process");
        } finally {
            other.destroyForcibly();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (JdbcReliabilityStore store = Stores.embedded(temp)) {
            assertThat(store.incidents(false, 1)).isEmpty();
        }
    }

    @Test
    void writtenCommitsReachTheFileAtEveryCommitWhileDelayedOnesWaitForH2sWriteDelay() {
        try (JdbcReliabilityStore store =
                Stores.embedded(temp.resolve("written"), 500, Stores.EmbeddedCommits.WRITTEN)) {
            assertThat(text(store, WRITE_DELAY)).isEqualTo("0");
        }
        try (JdbcReliabilityStore store = Stores.embedded(temp.resolve("delayed"))) {
            assertThat(text(store, WRITE_DELAY)).isEqualTo("500");
        }
        try (JdbcReliabilityStore store = Stores.embedded(temp.resolve("written"))) {
            assertThat(text(store, WRITE_DELAY))
                    .as("the choice is made at each open, not kept in the database")
                    .isEqualTo("500");
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsNamedWithTheReason() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");

        assertThatThrownBy(() -> Stores.embedded(file.resolve("data")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot create data directory " + file.resolve("data") + ": ");
    }

    @Test
    void fromUrlOpensAPathAsAnEmbeddedStore() {
        try (JdbcReliabilityStore store = Stores.fromUrl(temp.resolve("data").toString())) {
            assertThat(store.location()).isEqualTo("embedded database in " + temp.resolve("data"));
        }
    }

    @Test
    void fromUrlRefusesOtherDatabases() {
        assertThatThrownBy(() -> Stores.fromUrl("jdbc:mysql://db:3306/arf"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("unsupported store URL 'jdbc:mysql://db:3306/arf'");
    }

    @Test
    void anUnreachablePostgresServerIsNamedWithTheReason() {
        assertThatThrownBy(() -> Stores.postgres("jdbc:postgresql://127.0.0.1:1/arf", "arf", null))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at 127.0.0.1:1/arf: ")
                .hasMessageContaining("refused");
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> Stores.embedded(temp, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static TelemetryEvent event(String service, Instant at, double p99) {
        return TelemetryEvent.builder(service, at).latencyP99(p99).build();
    }

    private static Incident incident(String id, int entries) {
        List<TimelineEntry> timeline = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            timeline.add(new TimelineEntry(T0.plusSeconds(i), TimelineEntry.Kind.DETECTION, "entry " + i));
        }
        return new Incident(
                id,
                "fp-" + id,
                "checkout",
                "title",
                Severity.MEDIUM,
                IncidentState.OPEN,
                T0,
                T0,
                null,
                "unknown",
                timeline);
    }

    private static long rows(JdbcReliabilityStore store, String table) {
        return Long.parseLong(text(store, "SELECT COUNT(*) FROM " + table));
    }

    private static String text(JdbcReliabilityStore store, String sql) {
        try (Connection c = store.database().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }
}
