package dev.arf.notify;

import dev.arf.notify.net.HttpOutcome;
import java.time.Instant;

/**
 * How an HTTP answer becomes an {@link Attempt}, the same for webhooks, Slack, PagerDuty and Jira:
 * 2xx delivered; 408, 425, 429 and 5xx retried (with the receiver's Retry-After); network failures
 * retried; any other status — 400 (PagerDuty's "invalid event"), 401, 403, 404, 410, a redirect
 * beyond the limit — and an SSRF refusal are permanent.
 */
final class HttpAttempts {
    private HttpAttempts() {}

    static Attempt of(HttpOutcome outcome, Instant now) {
        return switch (outcome) {
            case HttpOutcome.Response r when r.isSuccess() -> new Attempt.Delivered("HTTP " + r.status());
            case HttpOutcome.Response r
            when retryable(r.status()) ->
                new Attempt.Retryable(describe(r), r.retryAfter().flatMap(v -> RetryPolicy.parseRetryAfter(v, now)));
            case HttpOutcome.Response r -> new Attempt.Permanent(describe(r));
            case HttpOutcome.Refused r -> new Attempt.Permanent(r.refusal().toString());
            case HttpOutcome.NetworkFailure f -> new Attempt.Retryable(f.message(), java.util.Optional.empty());
        };
    }

    static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    private static String describe(HttpOutcome.Response r) {
        String body = r.body().strip();
        // not shortened here: the dispatcher masks secrets first, then shortens (a cut secret would escape the mask)
        return "HTTP " + r.status() + (body.isEmpty() ? "" : ": " + body);
    }
}
