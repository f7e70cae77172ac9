package dev.arf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.audit.AuditChain;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditEvents;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.audit.AuditUnavailableException;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone with SQL access changes the audit table behind ARF's back: verification of what the log
 * reads back names the first record that is no longer where the chain says it should be. And a
 * database failure leaves nothing half-appended.
 */
class AuditTamperingTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    @TempDir
    Path temp;

    private JdbcReliabilityStore store;
    private AuditLog log;

    @BeforeEach
    void sixRecords() {
        store = Stores.embedded(temp.resolve("data"));
        log = store.audit();
        for (int i = 1; i <= 6; i++) {
            log.append(entry(i));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anUntouchedChainVerifies() {
        AuditChain.Verification v = AuditChain.verify(log.read(1, Integer.MAX_VALUE));

        assertThat(v.intact()).isTrue();
        assertThat(v.checked()).isEqualTo(6);
    }

    @Test
    void changedDetailsAreDetectedAtThatRecord() {
        sql("UPDATE audit_log SET details = '{\"reason\":\"nothing to see\"}' WHERE sequence = 4");

        AuditChain.Verification v = AuditChain.verify(log.read(1, Integer.MAX_VALUE));

        assertThat(v.firstBad()).contains(4L);
        assertThat(v.problem()).contains("record 4 was modified");
    }

    @Test
    void aDeletedRecordIsDetectedWhereItIsMissing() {
        sql("DELETE FROM audit_log WHERE sequence = 3");

        AuditChain.Verification v = AuditChain.verify(log.read(1, Integer.MAX_VALUE));

        assertThat(v.firstBad()).contains(3L);
        assertThat(v.problem()).contains("expected record 3 but found record 4");
    }

    @Test
    void twoRecordsWithSwappedContentAreDetectedAtTheFirst() {
        String columns = "at, event, subject, actor, details, previous_hash, hash";
        sql("CREATE TABLE swap AS SELECT sequence, " + columns + " FROM audit_log WHERE sequence IN (2, 5)");
        sql("UPDATE audit_log SET (" + columns + ") = (SELECT " + columns
                + " FROM swap WHERE swap.sequence = 7 - audit_log.sequence) WHERE sequence IN (2, 5)");

        AuditChain.Verification v = AuditChain.verify(log.read(1, Integer.MAX_VALUE));

        assertThat(log.read(2, 1).getFirst().entry()).isEqualTo(entry(5));
        assertThat(v.firstBad()).contains(2L);
    }

    @Test
    void aRemovedTailIsNotDetectedByTheChainAloneButTheSizeTellsTheDifference() {
        // Truncation keeps the rest a valid chain: only an outside copy of the last hash (or the
        // log's own size) reveals it. This test pins that limit down.
        sql("DELETE FROM audit_log WHERE sequence = 6");

        assertThat(AuditChain.verify(log.read(1, Integer.MAX_VALUE)).intact()).isTrue();
        assertThat(log.size()).isEqualTo(6);
    }

    @Test
    void aFailedAppendAppendsNothingAndTheNextOneContinuesFromTheDatabase() {
        sql("ALTER TABLE audit_log RENAME TO audit_log_away");

        assertThatThrownBy(() -> log.append(entry(7)))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessageStartingWith("cannot append 1 record(s) to the audit chain in the embedded database in ")
                .hasMessageContaining("(nothing was appended)");

        sql("ALTER TABLE audit_log_away RENAME TO audit_log");
        // Meanwhile the table moved on without this log (a restored backup, a repair by hand).
        sql("DELETE FROM audit_log WHERE sequence = 6");
        AuditRecord next = log.append(entry(8));

        assertThat(next.sequence()).isEqualTo(6);
        AuditChain.Verification v = AuditChain.verify(log.read(1, Integer.MAX_VALUE));
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.checked()).isEqualTo(6);
    }

    private void sql(String statement) {
        store.database().run(statement, c -> {
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            }
            return null;
        });
    }

    private static AuditEntry entry(int i) {
        return new AuditEntry(
                T0.plusSeconds(i),
                AuditEvents.ORCH_EXEC,
                "payments",
                "engine",
                Map.of("attempt", Integer.toString(i), "action", "RESTART"));
    }
}
