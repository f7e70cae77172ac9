package dev.arf.core.notify;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Someone's request to receive ARF's events at a URL (seed 000's {@code /webhooks/register}), signed
 * the Standard Webhooks way with {@code secrets}: usually one; two while a secret is being rotated, and
 * then every delivery carries a signature for each.
 *
 * @param id {@code wh_} and letters/digits, chosen by ARF
 * @param url where deliveries are POSTed (checked against SSRF at registration and at every send)
 * @param eventTypes event type names it wants (seed 004's, e.g. {@code incident_state_changed}); empty = all
 * @param services services it wants; empty = all
 * @param secrets {@code whsec_<base64>} signing secrets, newest first; one or two
 * @param description free text for people; may be empty
 * @param createdAt when it was registered
 */
public record WebhookSubscription(
        String id,
        URI url,
        Set<String> eventTypes,
        Set<String> services,
        List<Secret> secrets,
        String description,
        Instant createdAt) {
    public static final int MAX_SECRETS = 2;
    private static final Pattern ID = Pattern.compile("wh_[A-Za-z0-9]{1,60}");

    public WebhookSubscription {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a webhook id is wh_ and up to 60 letters or digits, got '" + id + "'");
        }
        Objects.requireNonNull(url, "url");
        eventTypes = Set.copyOf(eventTypes);
        services = Set.copyOf(services);
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty() || secrets.size() > MAX_SECRETS) {
            throw new IllegalArgumentException("a webhook has one or two signing secrets, got " + secrets.size());
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** True when this subscription wants an event of {@code type} about {@code service} (null: fleet-wide). */
    public boolean wants(String type, String service) {
        return (eventTypes.isEmpty() || eventTypes.contains(type))
                && (services.isEmpty() || service == null || services.contains(service));
    }

    /** The same subscription with {@code newest} first and the previous newest kept for the rotation. */
    public WebhookSubscription rotatedTo(Secret newest) {
        return new WebhookSubscription(
                id, url, eventTypes, services, List.of(newest, secrets.getFirst()), description, createdAt);
    }

    /** The same subscription signing with its newest secret only: the rotation is over. */
    public WebhookSubscription withoutOldSecrets() {
        return new WebhookSubscription(
                id, url, eventTypes, services, List.of(secrets.getFirst()), description, createdAt);
    }
}
