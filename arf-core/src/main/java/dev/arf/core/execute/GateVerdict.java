package dev.arf.core.execute;

/** The outcome of an {@link ActionGate}: a refusal is a value with a reason code, not an exception. */
public sealed interface GateVerdict {
    record Allow() implements GateVerdict {}

    record Deny(String reasonCode, String explanation) implements GateVerdict {}

    /**
     * Not on its own: a person from one of {@code approvers} must approve this exact action first.
     *
     * @param operation the blueprint operation that needs the approval
     */
    record NeedsApproval(String reasonCode, String explanation, String operation, java.util.List<String> approvers)
            implements GateVerdict {
        public NeedsApproval {
            approvers = java.util.List.copyOf(approvers);
        }
    }
}
