package dev.arf.core.approval;

import java.util.List;
import java.util.Optional;

/** Where approval requests live; {@code ReliabilityStore} is one. Saves are durable when they return. */
public interface ApprovalStore {
    /** Inserts or replaces the approval request with this id. */
    void saveApproval(ApprovalRequest request);

    Optional<ApprovalRequest> approval(String id);

    /** Newest first; open means pending, or approved and not yet used. */
    List<ApprovalRequest> approvals(boolean openOnly, int limit);
}
