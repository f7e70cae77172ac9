package dev.arf.notify.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS for tests: names map to fixed addresses, or to a sequence of answers (the last repeats) to
 * play DNS rebinding. Unknown names do not resolve. No lookup ever leaves the JVM.
 */
public final class FakeDns implements HostResolver {
    private final Map<String, Deque<List<InetAddress>>> answers = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    public FakeDns map(String host, String... addresses) {
        return answers(host, List.of(addresses));
    }

    /** Each lookup of {@code host} takes the next answer; the last one stays. */
    @SafeVarargs
    public final FakeDns answers(String host, List<String>... answersInOrder) {
        Deque<List<InetAddress>> queue = new ArrayDeque<>();
        for (List<String> answer : answersInOrder) {
            queue.add(answer.stream().map(FakeDns::address).toList());
        }
        synchronized (answers) {
            answers.put(host, queue);
        }
        return this;
    }

    public int lookups() {
        return lookups.get();
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        synchronized (answers) {
            Deque<List<InetAddress>> queue = answers.get(host);
            if (queue == null || queue.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return queue.size() > 1 ? queue.poll() : queue.peek();
        }
    }

    private static InetAddress address(String literal) {
        return Addresses.literal(literal).orElseThrow(() -> new IllegalArgumentException(literal));
    }
}
