package dev.arf.core.governance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the Guardian must not forget across a restart: the actions it allowed in the last hour
 * (cooldowns, repetition windows, budgets), the circuit breakers, actions found ineffective, and the
 * targets locked by an action in flight.
 */
public record GuardianState(
        List<GateExecution> executions,
        Map<String, Breaker> breakers,
        Map<String, FixRecord> fixes,
        Map<String, TargetLock> locks) {

    public GuardianState {
        executions = List.copyOf(executions);
        breakers = Map.copyOf(breakers);
        fixes = Map.copyOf(fixes);
        locks = Map.copyOf(locks);
    }

    public static GuardianState empty() {
        return new GuardianState(List.of(), Map.of(), Map.of(), Map.of());
    }

    /**
     * A service's circuit breaker: closed while {@code openedAt} is empty; open from {@code openedAt};
     * half-open once its timeout passed, when one trial action may go through.
     *
     * @param failures consecutive failed actions or verifications
     * @param trialInFlight a half-open trial was let through and has not reported yet
     */
    public record Breaker(int failures, Optional<Instant> openedAt, boolean trialInFlight) {
        public Breaker {
            Objects.requireNonNull(openedAt, "openedAt");
        }

        public static final Breaker CLOSED = new Breaker(0, Optional.empty(), false);
    }

    /**
     * How often one kind of action failed to fix one target in a row.
     *
     * @param blockedUntil once the limit is reached, the action is refused on this target until then
     */
    public record FixRecord(int misses, Optional<Instant> blockedUntil) {
        public FixRecord {
            Objects.requireNonNull(blockedUntil, "blockedUntil");
        }
    }

    /** A target held by an action in flight (executing or being verified). */
    public record TargetLock(String owner, Instant acquiredAt, Instant expiresAt) {
        public TargetLock {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(acquiredAt, "acquiredAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
