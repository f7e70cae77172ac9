package dev.arf.core.notify;

import java.util.List;
import java.util.Optional;

/**
 * Where webhook subscriptions are kept: in memory ({@link InMemoryWebhookSubscriptions}) or in the
 * store's database, so that they and their deliveries survive a restart. Held to one contract by
 * {@code dev.arf.testkit.NotificationStoreContract}.
 */
public interface WebhookSubscriptions {
    /** Adds or replaces (same id) a subscription; committed when this returns. */
    void save(WebhookSubscription subscription);

    Optional<WebhookSubscription> find(String id);

    /** Every subscription, oldest first (ties: id). */
    List<WebhookSubscription> all();

    /** @return true when there was one to remove */
    boolean remove(String id);
}
