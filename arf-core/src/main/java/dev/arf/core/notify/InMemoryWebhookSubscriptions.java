package dev.arf.core.notify;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link WebhookSubscriptions} in memory: lost on restart. Thread-safe. */
public final class InMemoryWebhookSubscriptions implements WebhookSubscriptions {
    private final Map<String, WebhookSubscription> subscriptions = new LinkedHashMap<>();

    @Override
    public synchronized void save(WebhookSubscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        subscriptions.put(subscription.id(), subscription);
    }

    @Override
    public synchronized Optional<WebhookSubscription> find(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    @Override
    public synchronized List<WebhookSubscription> all() {
        return subscriptions.values().stream()
                .sorted(Comparator.comparing(WebhookSubscription::createdAt).thenComparing(WebhookSubscription::id))
                .toList();
    }

    @Override
    public synchronized boolean remove(String id) {
        return subscriptions.remove(id) != null;
    }
}
