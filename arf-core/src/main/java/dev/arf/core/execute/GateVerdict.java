package dev.arf.core.execute;

import dev.arf.core.governance.Permit;
import java.util.List;
import java.util.Objects;

/** The outcome of an {@link ActionGate}: a refusal is a value with a reason code, not an exception. */
public sealed interface GateVerdict {
    /**
     * Go ahead, with the permit an actuator requires. Only the governance package can mint one, so a
     * gate written elsewhere can refuse but never allow.
     */
    record Allow(Permit permit) implements GateVerdict {
        public Allow {
            Objects.requireNonNull(permit, "permit");
        }
    }

    record Deny(String reasonCode, String explanation) implements GateVerdict {}

    /**
     * Not on its own: a person from one of {@code approvers} must approve this exact action first.
     *
     * @param operation the blueprint operation that needs the approval
     */
    record NeedsApproval(String reasonCode, String explanation, String operation, List<String> approvers)
            implements GateVerdict {
        public NeedsApproval {
            approvers = List.copyOf(approvers);
        }
    }
}
