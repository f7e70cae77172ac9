package dev.arf.notify;

import dev.arf.core.notify.Secret;
import dev.arf.core.notify.WebhookSubscription;
import dev.arf.core.notify.WebhookSubscriptions;
import dev.arf.notify.net.UrlGuard;
import dev.arf.notify.net.UrlVerdict;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Seed 000's webhook registry ({@code POST /webhooks/register}, {@code GET /webhooks}, {@code DELETE
 * /webhooks/{id}}) as a Java API: registration checks the URL with the SSRF guard and the event types
 * against {@link EventType}, and creates the signing secret (shown once). Secrets rotate: {@link
 * #rotateSecret} adds a new one, and both sign until {@link #endRotation}.
 */
public final class WebhookRegistry {
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final WebhookSubscriptions store;
    private final UrlGuard guard;
    private final Clock clock;
    private final RandomGenerator random;

    public WebhookRegistry(WebhookSubscriptions store, UrlGuard guard, Clock clock, RandomGenerator random) {
        this.store = Objects.requireNonNull(store, "store");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** What registering came to. */
    public sealed interface Registration {}

    /** @param secret the signing secret, to show to the registrant once */
    public record Registered(WebhookSubscription subscription, Secret secret) implements Registration {}

    /** @param code {@code SSRF_…} or {@code INVALID_WEBHOOK} */
    public record Refused(String code, String message) implements Registration {}

    /**
     * Registers a subscription.
     *
     * @param eventTypes wire names; empty = every event
     * @param services service names; empty = every service
     * @param secret the registrant's own {@code whsec_} secret, or null to have one made
     */
    public Registration register(
            String url, Collection<String> eventTypes, Collection<String> services, String description, String secret) {
        UrlVerdict verdict = guard.check(url);
        if (verdict instanceof UrlVerdict.Refused r) {
            return new Refused(r.reason().code(), "webhook URL refused: " + r.detail());
        }
        Set<String> types = new LinkedHashSet<>();
        for (String t : eventTypes == null ? List.<String>of() : eventTypes) {
            if (EventType.fromWireName(t).isEmpty()) {
                return new Refused(
                        "INVALID_WEBHOOK",
                        "unknown event type '" + abbreviate(t) + "'; known: " + EventType.wireNames());
            }
            types.add(t);
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String s : services == null ? List.<String>of() : services) {
            if (s == null || !SERVICE.matcher(s).matches()) {
                return new Refused("INVALID_WEBHOOK", "'" + abbreviate(String.valueOf(s)) + "' is not a service name");
            }
            wanted.add(s);
        }
        String text = description == null ? "" : description;
        if (text.length() > 500) {
            return new Refused("INVALID_WEBHOOK", "the description is longer than 500 characters");
        }
        Secret signing;
        try {
            signing = secret == null ? WebhookSigner.newSecret(random) : WebhookSigner.parseSecret(secret);
        } catch (IllegalArgumentException e) {
            return new Refused("INVALID_WEBHOOK", e.getMessage());
        }
        WebhookSubscription subscription = new WebhookSubscription(
                newId(), URI.create(url), types, wanted, List.of(signing), text, clock.instant());
        store.save(subscription);
        return new Registered(subscription, signing);
    }

    public List<WebhookSubscription> list() {
        return store.all();
    }

    public Optional<WebhookSubscription> find(String id) {
        return store.find(id);
    }

    /** Unregisters; its pending deliveries are dead-lettered when next due. */
    public boolean remove(String id) {
        return store.remove(id);
    }

    /** Starts a rotation: a new secret signs alongside the newest old one. @return the new secret, shown once */
    public Optional<Secret> rotateSecret(String id) {
        Optional<WebhookSubscription> found = store.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Secret fresh = WebhookSigner.newSecret(random);
        store.save(found.get().rotatedTo(fresh));
        return Optional.of(fresh);
    }

    /** Ends a rotation: only the newest secret signs from now on. */
    public boolean endRotation(String id) {
        Optional<WebhookSubscription> found = store.find(id);
        found.ifPresent(s -> store.save(s.withoutOldSecrets()));
        return found.isPresent();
    }

    private String newId() {
        StringBuilder id = new StringBuilder("wh_");
        for (int i = 0; i < 20; i++) {
            id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
