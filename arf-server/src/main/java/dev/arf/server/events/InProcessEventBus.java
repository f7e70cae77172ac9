package dev.arf.server.events;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** {@link EventBus} within one JVM: subscribers are called on the publisher's thread, in order. Thread-safe. */
public final class InProcessEventBus implements EventBus {
    private final List<Consumer<ArfEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    @Override
    public void publish(ArfEvent event) {
        Objects.requireNonNull(event, "event");
        for (Consumer<ArfEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        }
    }

    @Override
    public Subscription subscribe(Consumer<ArfEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Deliveries that threw. */
    public long failures() {
        return failures.get();
    }
}
