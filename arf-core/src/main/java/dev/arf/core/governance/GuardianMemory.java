package dev.arf.core.governance;

/**
 * Where the Guardian keeps its {@link GuardianState}, so that a restart resets no cooldown, window,
 * budget, open breaker or lock. {@link #save} must be durable when it returns; if it throws, the
 * Guardian refuses the action it was about to allow.
 */
public interface GuardianMemory {
    GuardianState load();

    void save(GuardianState state);

    /** Remembers nothing across restarts. */
    GuardianMemory NONE = new GuardianMemory() {
        @Override
        public GuardianState load() {
            return GuardianState.empty();
        }

        @Override
        public void save(GuardianState state) {}
    };
}
