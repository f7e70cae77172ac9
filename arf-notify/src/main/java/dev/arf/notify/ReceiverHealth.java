package dev.arf.notify;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-receiver circuit: after a failed attempt a receiver is failing until one succeeds; while
 * failing it gets one probe at a time, no earlier than the failed delivery's next attempt, and every
 * other delivery to it waits for the probe's outcome. In memory: after a restart the first attempt
 * to each receiver is its probe.
 */
final class ReceiverHealth {
    private final Map<String, Instant> failingUntil = new ConcurrentHashMap<>();

    /** When a failing receiver may be probed next; empty when it is healthy. */
    Optional<Instant> probeAt(String receiver) {
        return Optional.ofNullable(failingUntil.get(receiver));
    }

    void succeeded(String receiver) {
        failingUntil.remove(receiver);
    }

    void failed(String receiver, Instant nextProbe) {
        failingUntil.put(receiver, nextProbe);
    }
}
