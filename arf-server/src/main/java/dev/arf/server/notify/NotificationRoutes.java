package dev.arf.server.notify;

import dev.arf.core.access.Role;
import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.notify.WebhookSubscription;
import dev.arf.notify.NotificationDispatcher;
import dev.arf.notify.WebhookRegistry;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Bodies;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Seed 000's webhook endpoints ({@code POST /webhooks/register}, {@code GET /webhooks}, {@code DELETE
 * /webhooks/{id}}, the same under {@code /api/v1/webhooks}) and the dead-letter list, over the
 * {@link NotificationDispatcher}. Registering and removing are admin; listing is viewer and never shows
 * a secret (the signing secret is in the registration's answer, once).
 */
public final class NotificationRoutes {
    private static final int MAX_DEAD_LETTERS = 1_000;

    private final NotificationDispatcher notifier;
    private final Bodies bodies;

    public NotificationRoutes(NotificationDispatcher notifier, Bodies bodies) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
    }

    /**
     * A webhook to register (seed 000's {@code WebhookConfig}, without {@code auth_header}: deliveries are
     * signed instead).
     *
     * @param events event type names (empty or missing: every event)
     * @param services service names (empty or missing: every service)
     * @param secret your own {@code whsec_…} signing secret; missing: ARF makes one
     */
    public record NewWebhook(
            String url, List<String> events, List<String> services, String description, String secret) {}

    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (String base : List.of("/webhooks", "/api/v1/webhooks")) {
            routes.add(Route.post(
                            base + "/register",
                            Role.ADMIN,
                            "notifications",
                            "Register a webhook (URL checked against SSRF); the signing secret is in this answer only",
                            this::register)
                    .json(NewWebhook.class)
                    .answers(201, "application/json"));
            routes.add(Route.get(
                    base, Role.VIEWER, "notifications", "Every webhook subscription (never a secret)", this::list));
            routes.add(Route.delete(
                    base + "/{id}",
                    Role.ADMIN,
                    "notifications",
                    "Unregister a webhook; its pending deliveries are dead-lettered",
                    this::remove));
        }
        routes.add(Route.get(
                        "/api/v1/notifications/dead-letters",
                        Role.VIEWER,
                        "notifications",
                        "Deliveries given up on, newest first (bodies and errors hold no secret)",
                        this::deadLetters)
                .param("limit", "integer", "at most this many (1-1000, default 100)"));
        routes.add(Route.post(
                "/api/v1/notifications/dead-letters/{id}/replay",
                Role.OPERATOR,
                "notifications",
                "Queue a dead letter again, due now, with fresh attempts",
                this::replay));
        return routes;
    }

    private void register(Context ctx, Caller caller) {
        NewWebhook request = bodies.json(ctx, NewWebhook.class);
        if (request.url() == null || request.url().isBlank()) {
            throw ApiProblem.badRequest("url: required", List.of("url: required"));
        }
        WebhookRegistry.Registration result = notifier.webhooks()
                .register(
                        request.url(),
                        request.events() == null ? List.of() : request.events(),
                        request.services() == null ? List.of() : request.services(),
                        request.description(),
                        request.secret());
        switch (result) {
            case WebhookRegistry.Refused no ->
                throw new ApiProblem(
                        400,
                        no.code().startsWith("SSRF") ? "webhook-url-refused" : "invalid-webhook",
                        "The webhook was not registered",
                        no.code() + ": " + no.message(),
                        List.of(no.code() + ": " + no.message()));
            case WebhookRegistry.Registered ok -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("webhook_id", ok.subscription().id());
                answer.put("status", "registered");
                answer.put("subscribed_events", List.copyOf(ok.subscription().eventTypes()));
                answer.put("secret", ok.secret().reveal());
                answer.put("webhook", view(ok.subscription()));
                ctx.header("Cache-Control", "no-store");
                ctx.status(201).json(answer);
            }
        }
    }

    private void list(Context ctx, Caller caller) {
        List<Map<String, Object>> items = notifier.webhooks().list().stream()
                .map(NotificationRoutes::view)
                .toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", items);
        answer.put("count", items.size());
        answer.put("webhooks", items);
        ctx.json(answer);
    }

    private void remove(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        if (!notifier.webhooks().remove(id)) {
            throw ApiProblem.notFound("no webhook " + clip(id));
        }
        ctx.json(Map.of("webhook_id", id, "status", "unregistered"));
    }

    private void deadLetters(Context ctx, Caller caller) {
        int limit = limit(ctx.queryParam("limit"));
        List<Map<String, Object>> items = notifier.deadLetters(limit).stream()
                .map(NotificationRoutes::view)
                .toList();
        ctx.json(Map.of("items", items, "count", items.size()));
    }

    private void replay(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        if (!notifier.replay(id)) {
            throw ApiProblem.notFound("no dead letter " + clip(id));
        }
        ctx.json(Map.of("id", id, "status", "queued"));
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(text);
            if (n < 1 || n > MAX_DEAD_LETTERS) {
                throw ApiProblem.badRequest("limit: must be between 1 and " + MAX_DEAD_LETTERS + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("limit: must be a whole number, got '" + clip(text) + "'");
        }
    }

    static Map<String, Object> view(WebhookSubscription s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", s.id());
        v.put("url", masked(s.url()));
        v.put("events", List.copyOf(s.eventTypes()));
        v.put("services", List.copyOf(s.services()));
        v.put("description", s.description());
        v.put("created_at", s.createdAt().toString());
        v.put("rotating_secret", s.secrets().size() > 1);
        return v;
    }

    static Map<String, Object> view(OutboxEntry e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", e.id());
        v.put("channel", e.channel());
        v.put("event_type", e.eventType());
        v.put("incident", e.incidentKey());
        v.put("attempts", e.attempts());
        v.put("created_at", e.createdAt().toString());
        v.put("given_up_at", e.nextAttemptAt().toString());
        v.put("last_error", e.lastError());
        v.put("body", e.body());
        return v;
    }

    /**
     * A URL's path can be a credential (Slack's incoming webhooks): the scheme, host, port and first
     * path segment are shown, the rest is masked, and so is a query.
     */
    static String masked(java.net.URI url) {
        StringBuilder out = new StringBuilder(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() != -1) {
            out.append(':').append(url.getPort());
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            out.append('/').append(i == 1 || segments[i].isEmpty() ? segments[i] : "****");
        }
        if (url.getRawQuery() != null) {
            out.append("?****");
        }
        return out.toString();
    }

    private static String clip(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 80) + "…";
    }
}
