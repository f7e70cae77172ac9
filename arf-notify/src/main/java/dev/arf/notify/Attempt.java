package dev.arf.notify;

import java.time.Duration;
import java.util.Optional;

/** What one delivery attempt came to. */
public sealed interface Attempt {
    record Delivered(String detail) implements Attempt {}

    /** Worth trying again later; {@code retryAfter} is the receiver's own wish, if it said one. */
    record Retryable(String reason, Optional<Duration> retryAfter) implements Attempt {}

    /** Trying again cannot help (400, 404, an SSRF refusal …): the delivery is dead-lettered at once. */
    record Permanent(String reason) implements Attempt {}
}
