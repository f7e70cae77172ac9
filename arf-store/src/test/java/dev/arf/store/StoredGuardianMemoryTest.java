package dev.arf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.governance.GateExecution;
import dev.arf.core.governance.GuardianState;
import dev.arf.core.governance.StoredGuardianMemory;
import dev.arf.core.policy.HealingAction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Guardian's memory survives a restart of the embedded store, and corruption is loud. */
class StoredGuardianMemoryTest {
    @TempDir
    Path dataDir;

    @Test
    void executionsBreakersFixesAndLocksRoundTripThroughTheStoreAcrossARestart() {
        Instant t = Instant.parse("2026-11-27T09:00:00Z");
        GuardianState state = new GuardianState(
                List.of(
                        new GateExecution(t, "checkout", HealingAction.ROLLBACK, "checkout|ROLLBACK|{}", "k1"),
                        new GateExecution(
                                t.plusSeconds(60), "weird name/ é", HealingAction.SCALE_OUT, "a b\nc", "k 2")),
                Map.of(
                        "checkout", new GuardianState.Breaker(3, Optional.of(t), true),
                        "search", new GuardianState.Breaker(1, Optional.empty(), false)),
                Map.of(
                        "checkout|restart_container",
                        new GuardianState.FixRecord(3, Optional.of(t.plusSeconds(86_400))),
                        "search|scale_out",
                        new GuardianState.FixRecord(1, Optional.empty())),
                Map.of("checkout", new GuardianState.TargetLock("k1", t, t.plusSeconds(900))));
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            new StoredGuardianMemory(store).save(state);
        }
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            assertThat(new StoredGuardianMemory(store).load()).isEqualTo(state);
        }
    }

    @Test
    void aMemoryWrittenBeforeBreakersExistedStillLoadsItsExecutions() {
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            store.saveSetting(StoredGuardianMemory.SETTING, "123 rollback Y2hlY2tvdXQ eA\n", Instant.EPOCH);
            GuardianState loaded = new StoredGuardianMemory(store).load();
            assertThat(loaded.executions())
                    .containsExactly(
                            new GateExecution(Instant.ofEpochMilli(123), "checkout", HealingAction.ROLLBACK, "x", "x"));
        }
    }

    @Test
    void aCorruptMemoryIsRefusedWithItsLine() {
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            store.saveSetting(StoredGuardianMemory.SETTING, "123 rollback Y2hlY2tvdXQ eA\nnot-a-number", Instant.EPOCH);
            assertThatThrownBy(() -> new StoredGuardianMemory(store).load())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("line 2");
        }
    }
}
