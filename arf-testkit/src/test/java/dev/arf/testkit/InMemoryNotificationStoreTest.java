package dev.arf.testkit;

import dev.arf.core.notify.InMemoryDeliveryOutbox;
import dev.arf.core.notify.InMemoryWebhookSubscriptions;

/** The in-memory outbox and subscriptions pass the contract the database adapters pass. */
class InMemoryNotificationStoreTest extends NotificationStoreContract {
    @Override
    protected NotificationStorage newStorage() {
        return new NotificationStorage(new InMemoryDeliveryOutbox(), new InMemoryWebhookSubscriptions());
    }
}
