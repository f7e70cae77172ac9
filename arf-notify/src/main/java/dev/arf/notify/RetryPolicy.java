package dev.arf.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How failed deliveries are retried: exponential backoff from {@code initialBackoff}, doubling up to
 * {@code maxBackoff}, with "equal jitter" (half the delay fixed, half random from the injected, seeded
 * generator) so receivers coming back are not hit by every sender at once; at most {@code
 * maxAttempts} attempts, then the dead-letter list. A receiver's {@code Retry-After} (seconds or an
 * HTTP-date) is honoured when longer than the backoff, up to {@code maxRetryAfter}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 100, got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and maxBackoff at least initialBackoff");
        }
    }

    /** 8 attempts, 5 s doubling to 1 h (about 10 minutes of retries in all before jitter), Retry-After up to 6 h. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(6));
    }

    /** The wait after {@code attemptsMade} failed attempts (1 = after the first). */
    public Duration backoff(int attemptsMade, RandomGenerator random) {
        long base = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long delay = base;
        for (int i = 1; i < attemptsMade && delay < cap; i++) {
            delay = Math.min(cap, delay * 2);
        }
        long half = delay / 2;
        return Duration.ofMillis(delay - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }

    /** When to try again: the backoff, or the receiver's Retry-After when that is later. */
    public Instant nextAttempt(Instant now, int attemptsMade, Optional<Duration> retryAfter, RandomGenerator random) {
        Duration wait = backoff(attemptsMade, random);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
            wait = retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
        }
        return now.plus(wait);
    }

    /**
     * Reads a {@code Retry-After} value: delay-seconds, or an HTTP-date (RFC 9110, IMF-fixdate or the
     * obsolete forms {@link DateTimeFormatter#RFC_1123_DATE_TIME} accepts) relative to {@code now}; empty
     * when absent or unreadable; a date in the past is zero.
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
