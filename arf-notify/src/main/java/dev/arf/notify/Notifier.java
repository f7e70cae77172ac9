package dev.arf.notify;

/**
 * The port the rest of ARF calls to tell the outside world about an event (the server wires it to its
 * event bus). {@link #NOOP} tells no one.
 */
public interface Notifier {
    Notifier NOOP = notification -> PublishReport.EMPTY;

    /**
     * Queues the notification for every channel that wants it (durably, before returning) and returns
     * at once; delivery happens in the background, with retries.
     */
    PublishReport publish(Notification notification);
}
