package dev.arf.kubernetes;

/**
 * A Kubernetes API call failed; the message says what was being done, on which workload, and why
 * (with the HTTP status: 403 forbidden, 409 conflict, 0 when the API could not be reached).
 */
public final class KubernetesApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    KubernetesApiException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The HTTP status the API answered with; 0 when there was no answer. */
    public int code() {
        return code;
    }
}
