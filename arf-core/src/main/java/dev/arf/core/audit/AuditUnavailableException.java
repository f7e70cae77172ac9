package dev.arf.core.audit;

/** The audit trail could not record an entry durably; whatever depended on it must not happen. */
public final class AuditUnavailableException extends RuntimeException {
    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
