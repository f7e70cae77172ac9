package dev.arf.core.notify;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link DeliveryOutbox} in memory: lost on restart; for tests and for ARF without a store. Thread-safe. */
public final class InMemoryDeliveryOutbox implements DeliveryOutbox {
    /** Earliest due first; ties in the order queued (the map keeps it, and the sort is stable). */
    static final Comparator<OutboxEntry> DUE_ORDER =
            Comparator.comparing(OutboxEntry::nextAttemptAt).thenComparing(OutboxEntry::createdAt);

    private final Map<String, OutboxEntry> entries = new LinkedHashMap<>();

    @Override
    public synchronized boolean enqueue(OutboxEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return entries.putIfAbsent(entry.id(), entry) == null;
    }

    @Override
    public synchronized Optional<OutboxEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public synchronized List<OutboxEntry> due(Instant now, int limit) {
        checkLimit(limit);
        return entries.values().stream()
                .filter(e ->
                        e.state() == DeliveryState.PENDING && !e.nextAttemptAt().isAfter(now))
                .sorted(DUE_ORDER)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<OutboxEntry> pending(int limit) {
        checkLimit(limit);
        return entries.values().stream()
                .filter(e -> e.state() == DeliveryState.PENDING)
                .sorted(DUE_ORDER)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized void delivered(String id, int attempts, Instant at) {
        replace(
                id,
                e -> new OutboxEntry(
                        e.id(),
                        e.channel(),
                        e.eventType(),
                        e.incidentKey(),
                        e.incidentState(),
                        e.body(),
                        DeliveryState.DELIVERED,
                        attempts,
                        e.createdAt(),
                        at,
                        e.lastError()));
    }

    @Override
    public synchronized void retryLater(String id, int attempts, Instant next, String error) {
        replace(
                id,
                e -> new OutboxEntry(
                        e.id(),
                        e.channel(),
                        e.eventType(),
                        e.incidentKey(),
                        e.incidentState(),
                        e.body(),
                        DeliveryState.PENDING,
                        attempts,
                        e.createdAt(),
                        next,
                        error.isEmpty() ? e.lastError() : error));
    }

    @Override
    public synchronized void deadLetter(String id, int attempts, Instant at, String error) {
        replace(
                id,
                e -> new OutboxEntry(
                        e.id(),
                        e.channel(),
                        e.eventType(),
                        e.incidentKey(),
                        e.incidentState(),
                        e.body(),
                        DeliveryState.DEAD,
                        attempts,
                        e.createdAt(),
                        at,
                        error));
    }

    @Override
    public synchronized List<OutboxEntry> deadLetters(int limit) {
        checkLimit(limit);
        List<OutboxEntry> dead = new java.util.ArrayList<>(entries.values().stream()
                .filter(e -> e.state() == DeliveryState.DEAD)
                .sorted(Comparator.comparing(OutboxEntry::nextAttemptAt))
                .toList());
        java.util.Collections.reverse(dead); // newest first; ties: the later queued first
        return dead.stream().limit(limit).toList();
    }

    @Override
    public synchronized boolean requeue(String id, Instant now) {
        OutboxEntry e = entries.get(id);
        if (e == null || e.state() != DeliveryState.DEAD) {
            return false;
        }
        entries.put(
                id,
                new OutboxEntry(
                        e.id(),
                        e.channel(),
                        e.eventType(),
                        e.incidentKey(),
                        e.incidentState(),
                        e.body(),
                        DeliveryState.PENDING,
                        0,
                        e.createdAt(),
                        now,
                        e.lastError()));
        return true;
    }

    @Override
    public synchronized Optional<OutboxEntry> latestFor(String channel, String incidentKey) {
        OutboxEntry latest = null;
        for (OutboxEntry e : entries.values()) {
            if (e.channel().equals(channel)
                    && incidentKey.equals(e.incidentKey())
                    && (latest == null || !e.createdAt().isBefore(latest.createdAt()))) {
                latest = e; // ties: the later queued
            }
        }
        return Optional.ofNullable(latest);
    }

    private void replace(String id, java.util.function.UnaryOperator<OutboxEntry> change) {
        OutboxEntry e = entries.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no delivery " + id + " in the outbox");
        }
        entries.put(id, change.apply(e));
    }

    static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
    }
}
