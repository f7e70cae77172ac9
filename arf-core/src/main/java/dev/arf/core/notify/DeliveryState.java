package dev.arf.core.notify;

/** Where one delivery of the outbox stands. */
public enum DeliveryState {
    /** Waiting for its next attempt (the first one included). */
    PENDING,
    /** The receiver accepted it (2xx, or the SMTP server took the message). */
    DELIVERED,
    /** Given up: attempts exhausted, or refused for good (a 4xx other than 408/429, an SSRF refusal). */
    DEAD
}
