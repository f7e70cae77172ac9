package dev.arf.core.governance;

import java.util.List;

/**
 * Where the Guardian keeps the actions it allowed in the last hour, so that a restart resets no
 * cooldown, window or budget. {@link #save} must be durable when it returns; if it throws, the
 * Guardian refuses the action it was about to allow.
 */
public interface GuardianMemory {
    List<GateExecution> load();

    void save(List<GateExecution> lastHour);

    /** Remembers nothing across restarts. */
    GuardianMemory NONE = new GuardianMemory() {
        @Override
        public List<GateExecution> load() {
            return List.of();
        }

        @Override
        public void save(List<GateExecution> lastHour) {}
    };
}
