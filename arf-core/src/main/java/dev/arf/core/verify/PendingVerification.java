package dev.arf.core.verify;

import dev.arf.core.blueprint.Verification;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.TargetSnapshot;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An executed action waiting for its stabilisation period to pass before its checks run.
 *
 * @param before the target's state before the action, when the actuator could tell: what a rollback
 *     returns to
 * @param incidentId the incident it was taken for, empty for actions outside one
 */
public record PendingVerification(
        Action action, Optional<TargetSnapshot> before, Verification spec, Instant due, String incidentId) {
    public PendingVerification {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
