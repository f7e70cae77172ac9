package dev.arf.core.agent;

import java.util.Locale;

/** Seed 003's runtime states of the agent loop. */
public enum AgentState {
    IDLE,
    OBSERVING,
    VALIDATING,
    DECIDING,
    ENFORCING,
    ACTING,
    OBSERVING_RESULTS,
    EXPLAINING,
    /** An iteration failed; the agent waits for a person to {@linkplain ReliabilityAgent#resume resume} it. */
    BLOCKED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
