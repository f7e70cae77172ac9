package dev.arf.core.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable outbox of notifications: every delivery is written here before it is attempted, and
 * moves from {@link DeliveryState#PENDING} to {@link DeliveryState#DELIVERED} or {@link
 * DeliveryState#DEAD} (the dead-letter list). A port: in memory ({@link InMemoryDeliveryOutbox}) or in
 * the store's database, where deliveries survive a restart.
 *
 * <p>The contract ({@code dev.arf.testkit.NotificationStoreContract}): entries come back exactly as
 * written (instants to the microsecond); {@link #enqueue} of an id already present changes nothing;
 * {@link #due} lists pending entries due at {@code now}, earliest due first (ties: creation, then the
 * order they were queued — so a trigger queued before a resolve is sent first); dead letters are newest
 * first.
 */
public interface DeliveryOutbox {
    /** Writes a new entry; committed when this returns. @return false when the id was already there. */
    boolean enqueue(OutboxEntry entry);

    Optional<OutboxEntry> find(String id);

    /** Pending entries whose next attempt is at or before {@code now}, earliest first, at most {@code limit}. */
    List<OutboxEntry> due(Instant now, int limit);

    /** Every pending entry, earliest due first, at most {@code limit}. */
    List<OutboxEntry> pending(int limit);

    /** Marks an attempt that succeeded. */
    void delivered(String id, int attempts, Instant at);

    /**
     * Reschedules a pending entry.
     *
     * @param attempts attempts made so far (unchanged when the entry was only held back)
     * @param error why, secrets masked; empty when it was only held back
     */
    void retryLater(String id, int attempts, Instant next, String error);

    /** Gives up on an entry: it joins the dead-letter list. */
    void deadLetter(String id, int attempts, Instant at, String error);

    /** The dead-letter list, newest first, at most {@code limit}. */
    List<OutboxEntry> deadLetters(int limit);

    /** Puts a dead letter back in the queue, due at {@code now}, attempts from zero. @return false when not dead */
    boolean requeue(String id, Instant now);

    /** The newest entry for {@code channel} about {@code incidentKey}, whatever its state (anti-spam). */
    Optional<OutboxEntry> latestFor(String channel, String incidentKey);
}
