package dev.arf.server.runtime;

import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.store.TelemetryJournal;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telemetry in: first written durably with its idempotency key ({@link TelemetryJournal}), then
 * through the engine's detection. "Accepted" therefore means stored; a retry with the same key
 * stores nothing and goes through detection no second time. The HTTP ingest and the demo fleet both
 * come this way. Thread-safe.
 */
public final class IngestService {
    public static final int MAX_SERVICES = 100_000;

    private final ReliabilityEngine engine;
    private final TelemetryJournal journal;
    private final Clock clock;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final List<java.util.function.Consumer<AnalysisResult>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.Set<String> services = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public IngestService(ReliabilityEngine engine, TelemetryJournal journal, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The outcome of one ingest: the receipt, and the engine's analysis unless it was a replay. */
    public record Outcome(TelemetryJournal.Receipt receipt, List<AnalysisResult> results) {}

    /** A retry under this key whose events differ from the first: refused. */
    public static final class KeyReusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyReusedException(String key) {
            super("the idempotency key '" + key + "' was used before for other events; use a new key for new events");
        }
    }

    /**
     * @param key the sender's idempotency key, or null
     * @param events valid events (the caller has checked them)
     * @throws KeyReusedException when the key was used for other events
     */
    public Outcome ingest(String key, List<TelemetryEvent> events) {
        String fingerprint = TelemetryJournal.fingerprint(events);
        // No lookup first: the journal's key constraint finds a retry in the same round trip as the write.
        TelemetryJournal.Receipt receipt = journal.write(key, events, clock.instant());
        if (receipt.replayed()) {
            return replay(key, receipt, fingerprint);
        }
        accepted.addAndGet(events.size());
        List<AnalysisResult> results = new ArrayList<>(events.size());
        for (TelemetryEvent e : events) {
            AnalysisResult result = engine.process(e);
            if (result.status() == AnalysisResult.Status.REJECTED) {
                rejected.incrementAndGet();
            }
            if (result.status() != AnalysisResult.Status.REJECTED && services.size() < MAX_SERVICES) {
                services.add(e.service());
            }
            results.add(result);
            tell(result);
        }
        return new Outcome(receipt, results);
    }

    private static Outcome replay(String key, TelemetryJournal.Receipt receipt, String fingerprint) {
        if (!receipt.fingerprint().equals(fingerprint)) {
            throw new KeyReusedException(key);
        }
        return new Outcome(receipt, List.of());
    }

    /** Services that sent telemetry since the server started (at most {@link #MAX_SERVICES}). */
    public java.util.Set<String> services() {
        return java.util.Collections.unmodifiableSet(services);
    }

    /**
     * Hears every analysis of an accepted event (metrics); called on the ingesting thread, so it must
     * return quickly. One that throws is skipped.
     */
    public void onAnalysed(java.util.function.Consumer<AnalysisResult> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void tell(AnalysisResult result) {
        for (var listener : listeners) {
            try {
                listener.accept(result);
            } catch (RuntimeException ignored) {
                // A listener's failure must not turn an accepted event into a failed request.
            }
        }
    }

    /** Counts events refused before they were stored (invalid telemetry: the whole request is refused). */
    public void rejected(int events) {
        rejected.addAndGet(events);
    }

    /** Events refused since the server started: invalid in a request, or refused by the engine. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** Events accepted since the server started. */
    public long accepted() {
        return accepted.get();
    }
}
