package dev.arf.core.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The execution history a {@link PolicyEngine} needs to honour cooldowns and hourly limits across
 * restarts: for each (policy, service), the instants it was executed within the last hour. A plain
 * value so that a store can persist it however it likes.
 */
public record PolicyEngineState(List<Executions> executions) {

    public static final PolicyEngineState EMPTY = new PolicyEngineState(List.of());

    public PolicyEngineState {
        executions = List.copyOf(executions);
    }

    /**
     * @param instants oldest first
     */
    public record Executions(String policy, String service, List<Instant> instants) {
        public Executions {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(service, "service");
            instants = List.copyOf(instants);
        }
    }
}
