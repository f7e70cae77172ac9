package dev.arf.server.events;

import java.util.function.Consumer;

/**
 * The server's internal bus: everything the engine and people do (every audit record) is published
 * here after it is durable, and subscribers — the event stream, notifiers, webhooks — take it from
 * here. A subscriber must return quickly (hand the event to its own queue); one that throws is
 * counted and skipped, never allowed to disturb the publisher or the others.
 */
public interface EventBus {
    void publish(ArfEvent event);

    /** Adds a subscriber; closing the result removes it. */
    Subscription subscribe(Consumer<ArfEvent> subscriber);

    /** A handle to stop a subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
