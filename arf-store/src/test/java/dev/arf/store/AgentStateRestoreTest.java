package dev.arf.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.agent.ReliabilityAgent;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.time.VirtualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's id, iterations and heartbeat survive a restart on the embedded store. */
class AgentStateRestoreTest {
    @TempDir
    Path dataDir;

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-27T09:00:00Z"));

    private ReliabilityAgent agent(JdbcReliabilityStore store) {
        ReliabilityEngine engine =
                ReliabilityEngine.builder().clock(clock).policies(List.of()).build();
        return ReliabilityAgent.builder(engine, BlueprintCatalog.empty(), s -> OptionalInt.empty())
                .agentId("agent-first")
                .store(store)
                .build();
    }

    @Test
    void aRestartedAgentKeepsItsIdentityAndCount() {
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            ReliabilityAgent agent = agent(store);
            agent.iterate();
            agent.iterate();
            agent.close();
        }
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            ReliabilityAgent restored = ReliabilityAgent.builder(
                            ReliabilityEngine.builder().clock(clock).build(),
                            BlueprintCatalog.empty(),
                            s -> OptionalInt.empty())
                    .agentId("agent-second")
                    .store(store)
                    .build();
            assertThat(restored.status().agentId()).isEqualTo("agent-first");
            assertThat(restored.status().iterations()).isEqualTo(2);
            assertThat(restored.status().lastHeartbeat()).contains(clock.instant());
        }
    }
}
