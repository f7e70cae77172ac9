package dev.arf.core.approval;

/**
 * PENDING → APPROVED | DENIED | EXPIRED; APPROVED → EXECUTED | EXPIRED (an approval unused before its
 * expiry lapses). DENIED, EXPIRED and EXECUTED are final.
 */
public enum ApprovalState {
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    EXECUTED;

    public boolean isFinal() {
        return this == DENIED || this == EXPIRED || this == EXECUTED;
    }
}
