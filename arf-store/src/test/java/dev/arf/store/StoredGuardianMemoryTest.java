package dev.arf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.governance.GateExecution;
import dev.arf.core.governance.StoredGuardianMemory;
import dev.arf.core.policy.HealingAction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Guardian's memory survives a restart of the embedded store, and corruption is loud. */
class StoredGuardianMemoryTest {
    @TempDir
    Path dataDir;

    @Test
    void executionsRoundTripThroughTheStoreAcrossARestart() {
        List<GateExecution> executions = List.of(
                new GateExecution(
                        Instant.parse("2026-11-27T09:00:00Z"),
                        "checkout",
                        HealingAction.ROLLBACK,
                        "checkout|ROLLBACK|{}"),
                new GateExecution(
                        Instant.parse("2026-11-27T09:01:00Z"), "weird name/ é", HealingAction.SCALE_OUT, "a b\nc"));
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            new StoredGuardianMemory(store).save(executions);
        }
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            assertThat(new StoredGuardianMemory(store).load()).isEqualTo(executions);
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
