package dev.arf.core.approval;

/** An approval request was asked to move to a state its lifecycle does not allow. */
public final class IllegalApprovalTransitionException extends IllegalStateException {
    public IllegalApprovalTransitionException(String id, ApprovalState from, ApprovalState to) {
        super("approval request " + id + " is " + from + " and cannot become " + to);
    }
}
