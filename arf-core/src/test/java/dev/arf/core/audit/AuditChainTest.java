package dev.arf.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    private static List<AuditRecord> chain(int n) {
        InMemoryAuditLog log = new InMemoryAuditLog();
        for (int i = 0; i < n; i++) {
            log.append(new AuditEntry(T0.plusSeconds(i), "ORCH_EXEC", "svc-" + (i % 3), "engine", Map.of("i", "" + i)));
        }
        return log.read(1, n);
    }

    @Test
    void anUntouchedChainVerifies() {
        assertThat(AuditChain.verify(chain(50)).intact()).isTrue();
        assertThat(AuditChain.verify(chain(50)).checked()).isEqualTo(50);
        assertThat(AuditChain.verify(List.of()).intact()).isTrue();
    }

    @Test
    void aModifiedRecordIsNamed() {
        List<AuditRecord> records = new ArrayList<>(chain(20));
        AuditRecord r = records.get(7);
        records.set(
                7,
                new AuditRecord(
                        r.sequence(),
                        new AuditEntry(
                                r.entry().at(),
                                r.entry().event(),
                                r.entry().subject(),
                                "mallory",
                                r.entry().details()),
                        r.previousHash(),
                        r.hash()));
        AuditChain.Verification v = AuditChain.verify(records);
        assertThat(v.firstBad()).contains(8L);
        assertThat(v.problem()).contains("modified");
    }

    @Test
    void aRemovedRecordIsNamed() {
        List<AuditRecord> records = new ArrayList<>(chain(20));
        records.remove(4);
        assertThat(AuditChain.verify(records).firstBad()).contains(5L);
    }

    @Test
    void swappedRecordsAreNamed() {
        List<AuditRecord> records = new ArrayList<>(chain(20));
        AuditRecord a = records.get(3);
        records.set(3, records.get(9));
        records.set(9, a);
        assertThat(AuditChain.verify(records).firstBad()).contains(4L);
    }

    @Test
    void aRecordInsertedWithARecomputedHashStillBreaksTheChain() {
        List<AuditRecord> records = new ArrayList<>(chain(10));
        AuditRecord before = records.get(4);
        AuditRecord forged = AuditChain.next(before, new AuditEntry(T0, "ORCH_EXEC", "db", "mallory", Map.of()));
        records.add(5, forged);
        assertThat(AuditChain.verify(records).firstBad()).contains(7L);
    }

    /** Property: every single-field change anywhere is caught at exactly that record. */
    @Test
    void everyTamperingIsCaughtAtItsRecord() {
        SplittableRandom random = new SplittableRandom(17);
        for (int round = 0; round < 200; round++) {
            List<AuditRecord> records = new ArrayList<>(chain(15));
            int i = random.nextInt(records.size());
            AuditRecord r = records.get(i);
            AuditEntry e = r.entry();
            AuditEntry changed = switch (random.nextInt(4)) {
                case 0 -> new AuditEntry(e.at().plusNanos(1000), e.event(), e.subject(), e.actor(), e.details());
                case 1 -> new AuditEntry(e.at(), e.event() + "X", e.subject(), e.actor(), e.details());
                case 2 -> new AuditEntry(e.at(), e.event(), e.subject() + "x", e.actor(), e.details());
                default -> new AuditEntry(e.at(), e.event(), e.subject(), e.actor(), Map.of("i", "tampered"));
            };
            records.set(i, new AuditRecord(r.sequence(), changed, r.previousHash(), r.hash()));
            assertThat(AuditChain.verify(records).firstBad()).contains((long) i + 1);
        }
    }

    @Test
    void anEntryKeepsMicrosecondsSoItHashesTheSameAfterStorage() {
        AuditEntry precise = new AuditEntry(T0.plusNanos(123_456_789), "ORCH_EXEC", "db", "engine", Map.of());
        AuditEntry stored = new AuditEntry(T0.plusNanos(123_456_000), "ORCH_EXEC", "db", "engine", Map.of());
        assertThat(precise).isEqualTo(stored);
        assertThat(AuditChain.hash(1, AuditChain.GENESIS, precise))
                .isEqualTo(AuditChain.hash(1, AuditChain.GENESIS, stored));
    }

    @Test
    void fieldBoundariesCannotBeShiftedToForgeTheSameHash() {
        AuditEntry a = new AuditEntry(T0, "AB", "C", "engine", Map.of());
        AuditEntry b = new AuditEntry(T0, "A", "BC", "engine", Map.of());
        assertThat(AuditChain.hash(1, AuditChain.GENESIS, a)).isNotEqualTo(AuditChain.hash(1, AuditChain.GENESIS, b));
    }
}
