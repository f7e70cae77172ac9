package dev.arf.notify;

import dev.arf.core.notify.DeliveryOutbox;
import dev.arf.core.notify.InMemoryDeliveryOutbox;
import dev.arf.core.notify.InMemoryWebhookSubscriptions;
import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.notify.Secret;
import dev.arf.core.notify.WebhookSubscriptions;
import dev.arf.notify.net.GuardedHttp;
import dev.arf.notify.net.UrlGuard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ARF's {@link Notifier}: fans a notification out to the webhook subscriptions and integrations that
 * want it, through the durable outbox.
 *
 * <ul>
 *   <li>{@link #publish} renders each channel's body and writes it to the outbox before returning (a
 *       delivery id derived from the notification and the channel, so the same event published twice
 *       is queued once). The anti-spam rule holds back an alert about an incident a channel already
 *       had one about within the interval (seed 001: at most one per incident per hour), unless the
 *       incident's state changed — a resolve always goes out.
 *   <li>{@link #runDue} attempts every due delivery: at least once, the same {@code webhook-id} and
 *       body on every attempt and after a restart. Failures retry with exponential backoff and
 *       jitter (honouring Retry-After) up to the policy's attempts, then join the dead-letter list
 *       ({@link #deadLetters}, {@link #replay}); permanent failures (400, 404, SSRF refusals) at once.
 *       Each receiver gets one request at a time; while it is failing, one probe per backoff and
 *       nothing else.
 * </ul>
 *
 * <p>Time comes from the injected clock and randomness from the injected generator; {@link #start}
 * runs {@code runDue} on a schedule, tests call it directly. Secrets never reach a log line, a stored
 * error or a dead letter.
 */
public final class NotificationDispatcher implements Notifier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final Clock clock;
    private final DeliveryOutbox outbox;
    private final WebhookRegistry webhooks;
    private final GuardedHttp http;
    private final List<Channel> integrations;
    private final RetryPolicy retry;
    private final Duration antiSpamInterval;
    private final RandomGenerator random;
    private final Executor executor;
    private final int batchSize;
    private final ReceiverHealth health = new ReceiverHealth();
    private ScheduledFuture<?> schedule;

    private NotificationDispatcher(Builder b) {
        this.clock = b.clock;
        this.outbox = b.outbox;
        this.http = b.http;
        this.webhooks = new WebhookRegistry(b.subscriptions, b.http.guard(), b.clock, b.random);
        this.integrations = List.copyOf(b.integrations);
        this.retry = b.retry;
        this.antiSpamInterval = b.antiSpamInterval;
        this.random = b.random;
        this.executor = b.executor;
        this.batchSize = b.batchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The webhook subscriptions, for the server's {@code /webhooks} endpoints. */
    public WebhookRegistry webhooks() {
        return webhooks;
    }

    @Override
    public PublishReport publish(Notification n) {
        Objects.requireNonNull(n, "notification");
        Instant now = clock.instant();
        String state =
                n.incidentState() == null ? null : n.incidentState().name().toLowerCase(Locale.ROOT);
        List<PublishReport.Queued> queued = new ArrayList<>();
        List<PublishReport.Suppressed> suppressed = new ArrayList<>();
        for (Channel channel : channels()) {
            if (!channel.accepts(n)) {
                continue;
            }
            if (channel.antiSpam() && n.incidentId() != null && !antiSpamInterval.isZero()) {
                Optional<OutboxEntry> last = outbox.latestFor(channel.name(), n.incidentId());
                if (last.isPresent()
                        && last.get().createdAt().isAfter(now.minus(antiSpamInterval))
                        && Objects.equals(last.get().incidentState(), state)
                        && !last.get().id().equals(deliveryId(n.id(), channel.name()))) {
                    suppressed.add(new PublishReport.Suppressed(
                            channel.name(),
                            "ALERT_SUPPRESSED_ANTI_SPAM: " + channel.name()
                                    + " had an alert about incident " + n.incidentId() + " at "
                                    + last.get().createdAt()
                                    + " (at most one per " + antiSpamInterval + " while its state is unchanged)"));
                    continue;
                }
            }
            Optional<String> body;
            try {
                body = channel.render(n);
            } catch (RuntimeException e) {
                LOG.warn(
                        "cannot render notification {} for {}: {}", safe(n.id()), channel.name(), redact(e.toString()));
                continue;
            }
            if (body.isEmpty()) {
                continue;
            }
            String id = deliveryId(n.id(), channel.name());
            outbox.enqueue(OutboxEntry.pending(
                    id, channel.name(), n.type().wireName(), n.incidentId(), state, body.get(), now));
            queued.add(new PublishReport.Queued(channel.name(), id));
        }
        return new PublishReport(queued, suppressed);
    }

    /** What one {@link #runDue} did. */
    public record RunReport(int delivered, int retrying, int deadLettered, int heldBack) {}

    /**
     * Attempts every delivery due now (up to the batch size), one request at a time per receiver, and
     * returns when all are done. Safe to call from a scheduler; calls do not overlap.
     */
    public synchronized RunReport runDue() {
        Instant now = clock.instant();
        List<OutboxEntry> due = outbox.due(now, batchSize);
        Map<String, List<Map.Entry<OutboxEntry, Channel>>> byReceiver = new LinkedHashMap<>();
        int[] counts = new int[4];
        for (OutboxEntry entry : due) {
            Optional<Channel> channel = channel(entry.channel());
            if (channel.isEmpty()) {
                outbox.deadLetter(
                        entry.id(),
                        entry.attempts(),
                        now,
                        "CHANNEL_GONE: " + entry.channel() + " is no longer configured or registered");
                counts[2]++;
                continue;
            }
            byReceiver
                    .computeIfAbsent(channel.get().receiver(), r -> new ArrayList<>())
                    .add(Map.entry(entry, channel.get()));
        }
        List<CompletableFuture<int[]>> runs = new ArrayList<>();
        for (var group : byReceiver.entrySet()) {
            runs.add(CompletableFuture.supplyAsync(() -> deliver(group.getKey(), group.getValue(), now), executor));
        }
        for (CompletableFuture<int[]> run : runs) {
            int[] c = run.join();
            for (int i = 0; i < 4; i++) {
                counts[i] += c[i];
            }
        }
        return new RunReport(counts[0], counts[1], counts[2], counts[3]);
    }

    /** One receiver's due deliveries, in order, one at a time. */
    private int[] deliver(String receiver, List<Map.Entry<OutboxEntry, Channel>> entries, Instant now) {
        int[] counts = new int[4];
        for (var item : entries) {
            OutboxEntry entry = item.getKey();
            Channel channel = item.getValue();
            Optional<Instant> probe = health.probeAt(receiver);
            if (probe.isPresent() && probe.get().isAfter(now)) {
                // failing and not yet time for its probe (or the probe of this run failed): wait, no attempt spent
                outbox.retryLater(entry.id(), entry.attempts(), probe.get(), "");
                counts[3]++;
                continue;
            }
            Optional<Instant> ready = channel.readyAt(now);
            if (ready.isPresent() && ready.get().isAfter(now)) {
                outbox.retryLater(entry.id(), entry.attempts(), ready.get(), "");
                counts[3]++;
                continue;
            }
            Attempt attempt;
            try {
                attempt = channel.send(entry, now);
            } catch (RuntimeException e) {
                attempt =
                        new Attempt.Retryable("internal error: " + e.getClass().getSimpleName(), Optional.empty());
            }
            int attempts = entry.attempts() + 1;
            List<Secret> secrets = channel.secrets();
            switch (attempt) {
                case Attempt.Delivered d -> {
                    outbox.delivered(entry.id(), attempts, now);
                    health.succeeded(receiver);
                    counts[0]++;
                }
                case Attempt.Retryable r -> {
                    Instant next = retry.nextAttempt(now, attempts, r.retryAfter(), random);
                    health.failed(receiver, next);
                    String reason = Redactor.redact(r.reason(), secrets);
                    if (attempts >= retry.maxAttempts()) {
                        String error = reason + " (gave up after " + attempts + " attempts)";
                        outbox.deadLetter(entry.id(), attempts, now, error);
                        LOG.warn("delivery {} to {} dead-lettered: {}", entry.id(), channel.name(), error);
                        counts[2]++;
                    } else {
                        outbox.retryLater(entry.id(), attempts, next, reason);
                        LOG.info(
                                "delivery {} to {} failed (attempt {}), next at {}: {}",
                                entry.id(),
                                channel.name(),
                                attempts,
                                next,
                                reason);
                        counts[1]++;
                    }
                }
                case Attempt.Permanent p -> {
                    String reason = Redactor.redact(p.reason(), secrets);
                    outbox.deadLetter(entry.id(), attempts, now, reason);
                    LOG.warn("delivery {} to {} dead-lettered: {}", entry.id(), channel.name(), reason);
                    counts[2]++;
                }
            }
        }
        return counts;
    }

    /** The dead-letter list, newest first; bodies and errors hold no secret. */
    public List<OutboxEntry> deadLetters(int limit) {
        return outbox.deadLetters(limit);
    }

    /** Deliveries still to be attempted, earliest first. */
    public List<OutboxEntry> pending(int limit) {
        return outbox.pending(limit);
    }

    /** Puts a dead letter back in the queue, due now, with fresh attempts. */
    public boolean replay(String deliveryId) {
        return outbox.requeue(deliveryId, clock.instant());
    }

    /** Runs {@link #runDue} every {@code interval} on {@code scheduler} until {@link #close}. */
    public synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
        if (schedule != null) {
            throw new IllegalStateException("already started");
        }
        schedule = scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        runDue();
                    } catch (RuntimeException e) {
                        LOG.warn("notification run failed: {}", redact(e.toString()));
                    }
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }

    private List<Channel> channels() {
        List<Channel> all = new ArrayList<>(integrations);
        webhooks.list().forEach(s -> all.add(new WebhookChannel(s, http)));
        return all;
    }

    private Optional<Channel> channel(String name) {
        if (name.startsWith(WebhookChannel.PREFIX)) {
            return webhooks.find(name.substring(WebhookChannel.PREFIX.length())).map(s -> new WebhookChannel(s, http));
        }
        return integrations.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private String redact(String text) {
        List<Secret> secrets = new ArrayList<>();
        integrations.forEach(c -> secrets.addAll(c.secrets()));
        return Redactor.redact(text, secrets);
    }

    private static String safe(String text) {
        return Redactor.redact(text, List.of());
    }

    /** {@code msg_} + 32 hex of SHA-256(notification id, channel): stable, so a republished event is queued once. */
    static String deliveryId(String notificationId, String channel) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((notificationId + "\n" + channel).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a dispatcher; every part has a default except the guard's allow-list, which is empty. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private DeliveryOutbox outbox = new InMemoryDeliveryOutbox();
        private WebhookSubscriptions subscriptions = new InMemoryWebhookSubscriptions();
        private GuardedHttp http;
        private final List<Channel> integrations = new ArrayList<>();
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration antiSpamInterval = Duration.ofHours(1);
        private RandomGenerator random = new Random();
        private Executor executor =
                command -> Thread.ofVirtual().name("arf-notify").start(command);
        private int batchSize = 200;

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Where deliveries are kept: the store's ({@code JdbcReliabilityStore.outbox()}) to survive restarts. */
        public Builder outbox(DeliveryOutbox outbox) {
            this.outbox = Objects.requireNonNull(outbox);
            return this;
        }

        public Builder subscriptions(WebhookSubscriptions subscriptions) {
            this.subscriptions = Objects.requireNonNull(subscriptions);
            return this;
        }

        /** The guarded HTTP client every HTTP channel shares (and whose guard checks registrations). */
        public Builder http(GuardedHttp http) {
            this.http = Objects.requireNonNull(http);
            return this;
        }

        public Builder integration(Channel channel) {
            if (channel.name().startsWith(WebhookChannel.PREFIX)) {
                throw new IllegalArgumentException("channel names starting with webhook: are the subscriptions'");
            }
            if (integrations.stream().anyMatch(c -> c.name().equals(channel.name()))) {
                throw new IllegalArgumentException("two channels named " + channel.name());
            }
            integrations.add(channel);
            return this;
        }

        public Builder integrations(List<Channel> channels) {
            channels.forEach(this::integration);
            return this;
        }

        public Builder retryPolicy(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry);
            return this;
        }

        /** At most one alert per incident per channel per interval while its state is unchanged; zero turns it off. */
        public Builder antiSpamInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the anti-spam interval must not be negative");
            }
            this.antiSpamInterval = interval;
            return this;
        }

        /** Jitter's source; seed it for repeatable runs. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** Runs each receiver's deliveries; {@code Runnable::run} runs them in the caller, one receiver after another. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor);
            return this;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1");
            }
            this.batchSize = batchSize;
            return this;
        }

        public NotificationDispatcher build() {
            if (http == null) {
                http = new GuardedHttp(UrlGuard.strict());
            }
            return new NotificationDispatcher(this);
        }
    }
}
