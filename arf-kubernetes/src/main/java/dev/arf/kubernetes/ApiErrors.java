package dev.arf.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns the client's exceptions into sentences an operator can act on. */
final class ApiErrors {
    private ApiErrors() {}

    /**
     * @param doing what ARF was doing, e.g. {@code "scaling Deployment prod/checkout"}
     */
    static String describe(String doing, KubernetesClientException e) {
        String why = reason(e);
        return switch (code(e)) {
            case 404 -> "not found (404) while " + doing + ": " + why;
            case 409 ->
                "conflict (409) while " + doing
                        + ": the workload was changed by someone else at the same time; nothing was applied, and"
                        + " the same action may be retried: " + why;
            case 403 -> "forbidden (403) while " + doing + ": ARF's service account lacks the permission: " + why;
            case 401 -> "unauthorized (401) while " + doing + ": the API server rejected ARF's credentials: " + why;
            case 422 -> "invalid (422) while " + doing + ": the API server rejected the change: " + why;
            case 0 -> "cannot reach the Kubernetes API while " + doing + ": " + why;
            default -> "Kubernetes API error " + e.getCode() + " while " + doing + ": " + why;
        };
    }

    static KubernetesApiException wrap(String doing, KubernetesClientException e) {
        return new KubernetesApiException(describe(doing, e), code(e), e);
    }

    /** The HTTP status; 0 when no answer came (the client says -1 or 0 then). */
    private static int code(KubernetesClientException e) {
        return Math.max(0, e.getCode());
    }

    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return message != null ? message : root.getClass().getSimpleName();
    }
}
