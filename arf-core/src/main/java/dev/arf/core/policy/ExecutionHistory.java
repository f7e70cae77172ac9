package dev.arf.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * When one policy ran for one service, oldest first. Keeps only what the rules can still need: the
 * executions of the last hour before the newest one, and at most {@code cap} of them (a full window
 * already means "rate limited", and the cooldown only looks at the newest). Not thread-safe: the
 * engine guards it.
 */
final class ExecutionHistory {
    static final Duration WINDOW = Duration.ofHours(1);

    private final int cap;
    private final Deque<Instant> instants = new ArrayDeque<>();

    ExecutionHistory(int cap) {
        this.cap = Math.max(1, cap);
    }

    /** Adds an execution; out-of-order instants are put in their place so the order stays sorted. */
    void record(Instant at) {
        if (instants.isEmpty() || !at.isBefore(instants.peekLast())) {
            instants.addLast(at);
        } else {
            List<Instant> sorted = new ArrayList<>(instants);
            sorted.add(at);
            sorted.sort(null);
            instants.clear();
            instants.addAll(sorted);
        }
        prune();
    }

    private void prune() {
        Instant horizon = instants.peekLast().minus(WINDOW);
        while (instants.size() > cap || !instants.peekFirst().isAfter(horizon)) {
            instants.removeFirst();
        }
    }

    /** The newest execution, or null. */
    Instant last() {
        return instants.peekLast();
    }

    /** Executions in the sliding hour ending at {@code now}: those strictly after {@code now - 1h}. */
    int countInWindow(Instant now) {
        Instant horizon = now.minus(WINDOW);
        int n = 0;
        for (Iterator<Instant> it = instants.descendingIterator(); it.hasNext(); ) {
            if (!it.next().isAfter(horizon)) {
                break;
            }
            n++;
        }
        return n;
    }

    /** The oldest execution still counted at {@code now}; the limit lifts an hour after it. */
    Instant oldestInWindow(Instant now) {
        Instant horizon = now.minus(WINDOW);
        for (Instant at : instants) {
            if (at.isAfter(horizon)) {
                return at;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return instants.isEmpty();
    }

    List<Instant> snapshot() {
        return List.copyOf(instants);
    }
}
