package dev.arf.server.stream;

import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import dev.arf.server.events.ArfEvent;
import dev.arf.server.events.EventBus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event stream's fan-out: one subscription on the {@link EventBus}, one bounded queue and one
 * (virtual) writer thread per subscriber. The bus thread — the engine's or ingest's — only offers to
 * the queues and never waits: a subscriber whose queue is full is dropped (its connection closed), and
 * it reconnects with {@code Last-Event-ID}.
 *
 * <p>Resuming: a subscriber with a last event id is registered first, then the audit trail is read
 * from the id after it, then the queue is drained. Every event carries its audit sequence: one already
 * sent is skipped, and a gap between the last sent and a live one is filled from the audit trail first,
 * so the subscriber gets every event after its last id, in order, once.
 */
public final class EventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final int REPLAY_PAGE = 500;

    private final AuditLog audit;
    private final Function<StreamEvent, String> json;
    private final int queueCapacity;
    private final Duration heartbeat;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final EventBus.Subscription subscription;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    public EventStream(
            EventBus bus, AuditLog audit, Function<StreamEvent, String> json, int queueCapacity, Duration heartbeat) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.json = Objects.requireNonNull(json, "json");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be positive");
        }
        this.queueCapacity = queueCapacity;
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.subscription = bus.subscribe(this::offer);
    }

    /**
     * Starts sending to {@code sink}: the events after {@code lastEventId} from the audit trail first
     * (when given), then live ones, each matching {@code filter}.
     */
    public Subscriber open(StreamFilter filter, OptionalLong lastEventId, EventSink sink) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sink, "sink");
        Subscriber s = new Subscriber(filter, sink);
        if (closed) {
            sink.close("the server is stopping");
            return s;
        }
        subscribers.add(s);
        long size = audit.size();
        // An id beyond the trail (a client of another store) starts at the present, like no id.
        long start = lastEventId.isPresent() ? Math.min(lastEventId.getAsLong(), size) : size;
        Thread.ofVirtual().name("arf-stream").start(() -> s.run(start, lastEventId.isPresent()));
        return s;
    }

    private void offer(ArfEvent event) {
        for (Subscriber s : subscribers) {
            if (!s.queue.offer(event)) {
                s.overflowed.set(true);
                s.queue.clear();
                s.queue.offer(Subscriber.WAKE);
            }
        }
    }

    /** Subscribers connected now. */
    public int subscribers() {
        return subscribers.size();
    }

    /** Subscribers dropped because they did not keep up. */
    public long dropped() {
        return dropped.get();
    }

    /** Ends every subscription (clients reconnect to the next server with their last id). */
    @Override
    public void close() {
        closed = true;
        subscription.close();
        for (Subscriber s : subscribers) {
            s.stop("the server is stopping");
        }
    }

    /** One connected client. */
    public final class Subscriber {
        private static final ArfEvent WAKE = new ArfEvent(-1, java.time.Instant.EPOCH, "", "", "", java.util.Map.of());

        private final StreamFilter filter;
        private final EventSink sink;
        private final BlockingQueue<ArfEvent> queue = new ArrayBlockingQueue<>(queueCapacity + 1);
        private final AtomicBoolean overflowed = new AtomicBoolean();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private volatile String stopReason;
        private long last;

        private Subscriber(StreamFilter filter, EventSink sink) {
            this.filter = filter;
            this.sink = sink;
        }

        /** Ends this subscription from outside (the connection closed, the server stops). */
        public void stop(String reason) {
            if (stopped.compareAndSet(false, true)) {
                stopReason = reason;
                queue.offer(WAKE);
            }
        }

        private void run(long after, boolean replay) {
            last = after;
            String reason = "closed";
            try {
                if (replay) {
                    catchUp(Long.MAX_VALUE);
                }
                while (!stopped.get() && sink.isOpen()) {
                    ArfEvent next = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                    if (overflowed.get()) {
                        dropped.incrementAndGet();
                        reason =
                                "too slow: more than " + queueCapacity + " events behind; reconnect with Last-Event-ID";
                        break;
                    }
                    if (next == null) {
                        sink.heartbeat();
                    } else if (next != WAKE && next.sequence() > last) {
                        if (next.sequence() > last + 1) {
                            catchUp(next.sequence() - 1);
                        }
                        deliver(next);
                    }
                }
                if (stopped.get()) {
                    reason = stopReason;
                }
            } catch (IOException e) {
                reason = "the client has gone";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("event stream subscriber failed; closing it", e);
                reason = "internal error";
            } finally {
                subscribers.remove(this);
                sink.close(reason);
            }
        }

        /** Sends what the audit trail holds after {@code last}, up to {@code until}. */
        private void catchUp(long until) throws IOException {
            while (last < until && !stopped.get()) {
                List<AuditRecord> page = audit.read(last + 1, REPLAY_PAGE);
                if (page.isEmpty()) {
                    return;
                }
                for (AuditRecord r : page) {
                    if (r.sequence() > until) {
                        return;
                    }
                    if (r.sequence() > last) {
                        deliver(ArfEvent.of(r));
                    }
                }
            }
        }

        private void deliver(ArfEvent event) throws IOException {
            last = event.sequence();
            StreamEvent e = StreamEvent.of(event);
            if (filter.matches(e)) {
                sink.send(e, json.apply(e));
            }
        }
    }
}
