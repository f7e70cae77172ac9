package dev.arf.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arf.core.notify.DeliveryOutbox;
import dev.arf.core.notify.DeliveryState;
import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.notify.Secret;
import dev.arf.core.notify.WebhookSubscription;
import dev.arf.core.notify.WebhookSubscriptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every notification store must do — the {@link DeliveryOutbox} and the {@link
 * WebhookSubscriptions} — as a test kit: extend it, implement {@link #newStorage()} (and {@link #close}
 * / {@link #reopen} for durable ones), and the adapter is held to the same contract as the in-memory
 * ones.
 *
 * <p>The contract: entries and subscriptions come back exactly as written (any Unicode, instants to
 * the microsecond, secrets included); enqueueing an id twice keeps the first; {@code due} lists pending
 * entries due now, earliest first; delivered and dead entries are never due; dead letters are newest
 * first and can be requeued; {@code latestFor} finds the newest entry per channel and incident;
 * changing an unknown delivery is refused; durable stores keep everything across a reopen.
 */
public abstract class NotificationStoreContract {
    /** A base instant with microseconds, as PostgreSQL keeps them. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    /** The two ports over one storage. */
    public record NotificationStorage(DeliveryOutbox outbox, WebhookSubscriptions subscriptions) {}

    private final List<NotificationStorage> opened = new ArrayList<>();

    /** A new, empty storage. The kit passes it to {@link #close} after each test. */
    protected abstract NotificationStorage newStorage();

    /** True when {@link #reopen} is implemented. */
    protected boolean isDurable() {
        return false;
    }

    protected void close(NotificationStorage storage) {}

    /** Opens again the storage behind {@code closed}, just passed to {@link #close}. */
    protected NotificationStorage reopen(NotificationStorage closed) {
        throw new UnsupportedOperationException("not a durable storage");
    }

    @AfterEach
    final void closeOpened() {
        for (NotificationStorage s : opened.reversed()) {
            close(s);
        }
        opened.clear();
    }

    private NotificationStorage storage() {
        NotificationStorage s = newStorage();
        opened.add(s);
        return s;
    }

    private static OutboxEntry entry(String id, Instant at) {
        return OutboxEntry.pending(
                id, "webhook:wh_1", "incident_state_changed", "INC-1", "detected", "{\"id\":\"" + id + "\"}", at);
    }

    @Test
    void anEnqueuedEntryComesBackExactly() {
        DeliveryOutbox outbox = storage().outbox();
        OutboxEntry unusual = OutboxEntry.pending(
                "msg_ünïcödé-1",
                "slack",
                "security_alert",
                null,
                null,
                "{\"text\":\"ça 🚨 \\r\\n\\\"quoted\\\"\"}",
                T0);

        assertThat(outbox.enqueue(unusual)).isTrue();

        assertThat(outbox.find(unusual.id())).contains(unusual);
        assertThat(outbox.find("msg_unknown")).isEmpty();
    }

    @Test
    void enqueueingAnIdTwiceKeepsTheFirst() {
        DeliveryOutbox outbox = storage().outbox();
        OutboxEntry first = entry("msg_1", T0);
        outbox.enqueue(first);

        boolean added = outbox.enqueue(
                OutboxEntry.pending("msg_1", "slack", "security_alert", null, null, "{}", T0.plusSeconds(9)));

        assertThat(added).isFalse();
        assertThat(outbox.find("msg_1")).contains(first);
    }

    @Test
    void dueListsPendingEntriesDueNowEarliestFirst() {
        DeliveryOutbox outbox = storage().outbox();
        outbox.enqueue(entry("msg_late", T0.plusSeconds(30)));
        outbox.enqueue(entry("msg_b", T0));
        outbox.enqueue(entry("msg_a", T0));
        outbox.enqueue(entry("msg_early", T0.minusSeconds(5)));

        assertThat(outbox.due(T0, 10)).extracting(OutboxEntry::id).containsExactly("msg_early", "msg_b", "msg_a");
        assertThat(outbox.due(T0, 2)).extracting(OutboxEntry::id).containsExactly("msg_early", "msg_b");
        assertThat(outbox.due(T0.plusSeconds(30), 10)).hasSize(4);
        assertThat(outbox.pending(10))
                .extracting(OutboxEntry::id)
                .containsExactly("msg_early", "msg_b", "msg_a", "msg_late");
    }

    @Test
    void entriesDueAtTheSameInstantComeInTheOrderQueuedWhateverTheirIds() {
        DeliveryOutbox outbox = storage().outbox();
        List<String> ids = List.of("msg_f3", "msg_a1", "msg_zz", "msg_00", "msg_b7");
        ids.forEach(id -> outbox.enqueue(entry(id, T0)));

        assertThat(outbox.due(T0, 10)).extracting(OutboxEntry::id).containsExactlyElementsOf(ids);

        outbox.retryLater("msg_a1", 1, T0.plusSeconds(5), "x");
        outbox.retryLater("msg_f3", 1, T0.plusSeconds(5), "x");
        assertThat(outbox.due(T0.plusSeconds(5), 10))
                .as("a reschedule keeps the queue order among ties")
                .extracting(OutboxEntry::id)
                .containsExactly("msg_zz", "msg_00", "msg_b7", "msg_f3", "msg_a1");
    }

    @Test
    void aRescheduledEntryKeepsItsBodyAndCountsAttempts() {
        DeliveryOutbox outbox = storage().outbox();
        OutboxEntry e = entry("msg_1", T0);
        outbox.enqueue(e);

        outbox.retryLater("msg_1", 1, T0.plusSeconds(10), "HTTP 503 from receiver");

        OutboxEntry after = outbox.find("msg_1").orElseThrow();
        assertThat(after.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(after.lastError()).isEqualTo("HTTP 503 from receiver");
        assertThat(after.body()).isEqualTo(e.body());
        assertThat(outbox.due(T0.plusSeconds(9), 10)).isEmpty();
        assertThat(outbox.due(T0.plusSeconds(10), 10))
                .extracting(OutboxEntry::id)
                .containsExactly("msg_1");

        outbox.retryLater("msg_1", 1, T0.plusSeconds(20), "");
        assertThat(outbox.find("msg_1").orElseThrow().lastError())
                .as("being held back keeps the last failure")
                .isEqualTo("HTTP 503 from receiver");
    }

    @Test
    void deliveredAndDeadEntriesAreNeverDue() {
        DeliveryOutbox outbox = storage().outbox();
        outbox.enqueue(entry("msg_ok", T0));
        outbox.enqueue(entry("msg_dead", T0));

        outbox.delivered("msg_ok", 1, T0.plusSeconds(1));
        outbox.deadLetter("msg_dead", 8, T0.plusSeconds(2), "HTTP 410 Gone");

        assertThat(outbox.due(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
        assertThat(outbox.pending(10)).isEmpty();
        assertThat(outbox.find("msg_ok").orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(outbox.find("msg_dead").orElseThrow())
                .extracting(OutboxEntry::state, OutboxEntry::attempts, OutboxEntry::lastError)
                .containsExactly(DeliveryState.DEAD, 8, "HTTP 410 Gone");
    }

    @Test
    void deadLettersAreNewestFirstAndCanBeRequeued() {
        DeliveryOutbox outbox = storage().outbox();
        for (int i = 1; i <= 3; i++) {
            outbox.enqueue(entry("msg_" + i, T0));
            outbox.deadLetter("msg_" + i, 3, T0.plusSeconds(i), "gave up");
        }

        assertThat(outbox.deadLetters(10)).extracting(OutboxEntry::id).containsExactly("msg_3", "msg_2", "msg_1");
        assertThat(outbox.deadLetters(1)).extracting(OutboxEntry::id).containsExactly("msg_3");

        assertThat(outbox.requeue("msg_2", T0.plusSeconds(60))).isTrue();
        assertThat(outbox.requeue("msg_2", T0.plusSeconds(60)))
                .as("no longer dead")
                .isFalse();
        assertThat(outbox.requeue("msg_unknown", T0)).isFalse();
        assertThat(outbox.deadLetters(10)).extracting(OutboxEntry::id).containsExactly("msg_3", "msg_1");
        OutboxEntry again = outbox.find("msg_2").orElseThrow();
        assertThat(again.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(again.attempts()).isZero();
        assertThat(outbox.due(T0.plusSeconds(60), 10))
                .extracting(OutboxEntry::id)
                .containsExactly("msg_2");
    }

    @Test
    void latestForFindsTheNewestEntryOfAChannelAboutAnIncident() {
        DeliveryOutbox outbox = storage().outbox();
        outbox.enqueue(OutboxEntry.pending("msg_1", "slack", "incident_state_changed", "INC-1", "detected", "{}", T0));
        outbox.enqueue(OutboxEntry.pending(
                "msg_2", "slack", "incident_state_changed", "INC-1", "mitigating", "{}", T0.plusSeconds(5)));
        outbox.enqueue(OutboxEntry.pending(
                "msg_3", "pagerduty", "incident_state_changed", "INC-1", "resolved", "{}", T0.plusSeconds(9)));
        outbox.enqueue(OutboxEntry.pending(
                "msg_4", "slack", "incident_state_changed", "INC-2", "detected", "{}", T0.plusSeconds(9)));
        outbox.deadLetter("msg_2", 1, T0.plusSeconds(6), "x");

        assertThat(outbox.latestFor("slack", "INC-1")).map(OutboxEntry::id).contains("msg_2");
        assertThat(outbox.latestFor("pagerduty", "INC-1")).map(OutboxEntry::id).contains("msg_3");
        assertThat(outbox.latestFor("jira", "INC-1")).isEmpty();
    }

    @Test
    void changingAnUnknownDeliveryIsRefused() {
        DeliveryOutbox outbox = storage().outbox();

        assertThatThrownBy(() -> outbox.retryLater("msg_none", 1, T0, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.delivered("msg_none", 1, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.deadLetter("msg_none", 1, T0, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.due(T0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static WebhookSubscription subscription(String id, Instant at, String... secrets) {
        return new WebhookSubscription(
                id,
                URI.create("https://hooks.example.com/arf?team=sre&x=ü"),
                Set.of("incident_state_changed", "security_alert"),
                Set.of("checkout"),
                java.util.Arrays.stream(secrets).map(Secret::of).toList(),
                "on-call bridge ✓",
                at);
    }

    @Test
    void subscriptionsComeBackExactlyAndInRegistrationOrder() {
        WebhookSubscriptions subs = storage().subscriptions();
        WebhookSubscription b = subscription("wh_b", T0.plusSeconds(1), "whsec_AAAA", "whsec_BBBB");
        WebhookSubscription a = subscription("wh_a", T0, "whsec_CCCC");
        subs.save(b);
        subs.save(a);

        assertThat(subs.all()).containsExactly(a, b);
        WebhookSubscription found = subs.find("wh_b").orElseThrow();
        assertThat(found).isEqualTo(b);
        assertThat(found.secrets()).extracting(Secret::reveal).containsExactly("whsec_AAAA", "whsec_BBBB");
        assertThat(subs.find("wh_none")).isEmpty();
    }

    @Test
    void savingASubscriptionAgainReplacesItAndRemovingForgetsIt() {
        WebhookSubscriptions subs = storage().subscriptions();
        WebhookSubscription original = subscription("wh_a", T0, "whsec_CCCC");
        subs.save(original);
        WebhookSubscription rotated = original.rotatedTo(Secret.of("whsec_DDDD"));

        subs.save(rotated);

        assertThat(subs.all()).containsExactly(rotated);
        assertThat(subs.find("wh_a").orElseThrow().secrets())
                .extracting(Secret::reveal)
                .containsExactly("whsec_DDDD", "whsec_CCCC");
        assertThat(subs.remove("wh_a")).isTrue();
        assertThat(subs.remove("wh_a")).isFalse();
        assertThat(subs.all()).isEmpty();
    }

    @Test
    void aDurableStorageKeepsDeliveriesAndSubscriptionsAcrossAReopen() {
        assumeTrue(isDurable(), "not a durable storage");
        NotificationStorage first = newStorage();
        first.outbox().enqueue(entry("msg_1", T0));
        first.outbox().enqueue(entry("msg_2", T0));
        first.outbox().retryLater("msg_1", 2, T0.plusSeconds(30), "HTTP 500");
        first.outbox().deadLetter("msg_2", 5, T0.plusSeconds(40), "HTTP 404");
        WebhookSubscription sub = subscription("wh_a", T0, "whsec_CCCC", "whsec_DDDD");
        first.subscriptions().save(sub);
        close(first);

        NotificationStorage again = reopen(first);
        opened.add(again);

        assertThat(again.outbox().due(T0.plusSeconds(30), 10)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("msg_1");
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.body()).isEqualTo("{\"id\":\"msg_1\"}");
        });
        assertThat(again.outbox().deadLetters(10)).extracting(OutboxEntry::id).containsExactly("msg_2");
        assertThat(again.subscriptions().all()).containsExactly(sub);
    }
}
