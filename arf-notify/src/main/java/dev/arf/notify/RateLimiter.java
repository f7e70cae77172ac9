package dev.arf.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on the caller's clock: {@code perMinute} tokens, refilled evenly. {@link #reserve}
 * takes a token when there is one (empty), or says when the next one comes. Thread-safe.
 */
final class RateLimiter {
    private final int capacity;
    private final Duration perToken;
    private double tokens;
    private Instant last;

    RateLimiter(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit is at least 1 per minute");
        }
        this.capacity = perMinute;
        this.perToken = Duration.ofMinutes(1).dividedBy(perMinute);
        this.tokens = perMinute;
    }

    synchronized java.util.Optional<Instant> reserve(Instant now) {
        if (last != null && now.isAfter(last)) {
            tokens = Math.min(
                    capacity, tokens + (double) Duration.between(last, now).toNanos() / perToken.toNanos());
        }
        if (last == null || now.isAfter(last)) {
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return java.util.Optional.empty();
        }
        long missing = (long) Math.ceil((1 - tokens) * perToken.toNanos());
        return java.util.Optional.of(now.plusNanos(missing));
    }
}
