package dev.arf.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.audit.InMemoryAuditLog;
import dev.arf.server.events.ArfEvent;
import dev.arf.server.events.InProcessEventBus;
import dev.arf.server.events.PublishingAuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventStreamTest {
    final InProcessEventBus bus = new InProcessEventBus();
    final InMemoryAuditLog trail = new InMemoryAuditLog();
    final PublishingAuditLog audit = new PublishingAuditLog(trail, bus);
    EventStream stream;

    @AfterEach
    void close() {
        if (stream != null) {
            stream.close();
        }
    }

    private EventStream stream(int queue, Duration heartbeat) {
        stream = new EventStream(bus, audit, StreamEvent::name, queue, heartbeat);
        return stream;
    }

    private AuditRecord record(String event, String subject) {
        return audit.append(new AuditEntry(Instant.parse("2026-11-27T09:00:00Z"), event, subject, "engine", Map.of()));
    }

    /** Collects what it is sent; can be made to block. */
    static final class Collecting implements EventSink {
        final List<StreamEvent> events = new CopyOnWriteArrayList<>();
        final List<String> closes = new CopyOnWriteArrayList<>();
        final CountDownLatch gate;
        volatile int heartbeats;
        volatile boolean open = true;

        Collecting(boolean blocked) {
            gate = new CountDownLatch(blocked ? 1 : 0);
        }

        @Override
        public void send(StreamEvent event, String json) {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add(event);
        }

        @Override
        public void heartbeat() {
            heartbeats++;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close(String reason) {
            open = false;
            closes.add(reason);
        }

        List<Long> ids() {
            return events.stream().map(StreamEvent::id).toList();
        }
    }

    @Test
    void aSlowSubscriberIsDroppedWithoutHoldingUpThePublisherOrTheOthers() {
        EventStream s = stream(8, Duration.ofMinutes(1));
        Collecting slow = new Collecting(true);
        Collecting fast = new Collecting(false);
        s.open(StreamFilter.ALL, OptionalLong.empty(), slow);
        s.open(StreamFilter.ALL, OptionalLong.empty(), fast);
        for (int i = 0; i < 200; i++) {
            record("ORCH_EXEC", "checkout");
            int sent = i + 1;
            // The publisher never waits for the blocked one; the one that keeps up gets everything.
            await().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> fast.events.size() == sent);
        }
        slow.gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !slow.closes.isEmpty());
        assertThat(slow.closes.get(0)).startsWith("too slow");
        assertThat(s.dropped()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fast.events.size() == 200);
        assertThat(fast.ids()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aLiveEventAfterAGapIsPrecededByTheMissingOnesFromTheAuditTrail() {
        EventStream s = stream(64, Duration.ofMinutes(1));
        Collecting sink = new Collecting(false);
        s.open(StreamFilter.ALL, OptionalLong.empty(), sink);
        // Appended without being published (as if its publication were still on its way) …
        trail.append(new AuditEntry(Instant.parse("2026-11-27T09:00:00Z"), "ORCH_INTENT", "a", "engine", Map.of()));
        // … then a later one published: the stream sends both, in order.
        AuditRecord later = record("ORCH_EXEC", "a");
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 2);
        // The late publication of the first changes nothing.
        bus.publish(ArfEvent.of(trail.read(1, 1).get(0)));
        record("ORCH_EXEC", "b");
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 3);
        assertThat(sink.ids()).containsExactly(1L, later.sequence(), later.sequence() + 1);
        assertThat(sink.events.get(0).name()).isEqualTo(StreamNames.AUTOMATED_REMEDIATION_TRIGGERED);
    }

    @Test
    void resumingReplaysOnlyMatchingEventsAfterTheLastIdAndSendsHeartbeatsWhenIdle() {
        for (int i = 0; i < 1_200; i++) {
            record(i % 2 == 0 ? "INCIDENT_OPENED" : "ORCH_EXEC", i % 3 == 0 ? "checkout" : "payments");
        }
        EventStream s = stream(64, Duration.ofMillis(20));
        Collecting sink = new Collecting(false);
        s.open(
                new StreamFilter(java.util.Set.of("checkout"), java.util.Set.of(StreamNames.INCIDENT_STATE_CHANGED)),
                OptionalLong.of(100),
                sink);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.heartbeats > 0);
        List<Long> expected = trail.read(101, 2_000).stream()
                .filter(r -> r.entry().subject().equals("checkout")
                        && r.entry().event().equals("INCIDENT_OPENED"))
                .map(AuditRecord::sequence)
                .toList();
        assertThat(sink.ids()).isEqualTo(expected);
    }

    @Test
    void closingTheStreamEndsEverySubscriber() {
        EventStream s = stream(8, Duration.ofMinutes(1));
        Collecting sink = new Collecting(false);
        s.open(StreamFilter.ALL, OptionalLong.empty(), sink);
        s.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.closes.isEmpty());
        assertThat(sink.closes).containsExactly("the server is stopping");
        assertThat(s.subscribers()).isZero();
    }
}
