package dev.arf.notify.net;

import java.util.Optional;

/** What came of one HTTP request (redirects included): a response, an SSRF refusal, or a network failure. */
public sealed interface HttpOutcome {
    /**
     * @param retryAfter the {@code Retry-After} header as received, if any
     * @param body the first few KiB of the response body
     */
    record Response(int status, Optional<String> retryAfter, String body) implements HttpOutcome {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    record Refused(UrlVerdict.Refused refusal) implements HttpOutcome {}

    /** @param message what went wrong (connection refused, timeout …), without the URL */
    record NetworkFailure(String message) implements HttpOutcome {}
}
