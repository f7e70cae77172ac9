package dev.arf.core.verify;

import dev.arf.core.blueprint.Rollback;
import dev.arf.core.execute.Action;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The checks of one action's verification, once its stabilisation period passed. */
public record VerificationReport(Action action, Instant at, List<CheckResult> results) {
    public VerificationReport {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        results = List.copyOf(results);
    }

    /** Healthy: no critical check failed. Non-critical failures are reported, not acted on. */
    public boolean healthy() {
        return results.stream().noneMatch(r -> !r.passed() && r.check().critical());
    }

    /**
     * Whether the blueprint's rollback applies: it must be enabled and automatic, and a failed check
     * must be a rollback trigger (or any critical one, when the blueprint says so).
     */
    public boolean callsForRollback(Rollback rollback) {
        if (!rollback.enabled() || !rollback.automatic()) {
            return false;
        }
        return results.stream()
                .filter(r -> !r.passed())
                .anyMatch(r -> r.check().rollbackTrigger()
                        || (rollback.triggerOnCriticalFailure() && r.check().critical()));
    }

    /** E.g. {@code latency_p95 280ms (< 200ms) FAILED; error_rate 0.2% (< 1%) ok}. */
    public String summary() {
        return results.stream().map(CheckResult::explanation).collect(Collectors.joining("; "));
    }
}
