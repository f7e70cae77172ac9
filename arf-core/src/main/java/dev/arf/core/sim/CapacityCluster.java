package dev.arf.core.sim;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.Actuator;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.governance.Permit;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Deployments whose load is shared by their ready replicas, for the decision engine's scenarios (seed
 * 002): CPU is requests per replica times the CPU a request costs; p95 latency grows with CPU like a
 * queue ({@code base / (1 - cpu)}) and, past a per-replica request knee (connection pools, threads),
 * by a fixed cost per extra request. New replicas are ready after {@link #READY_AFTER}; removed ones
 * stop at once. An {@link Actuator} for its deployments, with snapshots for rollback. Thread-safe.
 */
public final class CapacityCluster implements Actuator {
    public static final Duration READY_AFTER = Duration.ofSeconds(30);
    /** Every deployment starts with this memory request per replica; its memory use is sized for it. */
    public static final long DEFAULT_MEMORY_REQUEST = 512L * 1024 * 1024;

    /**
     * @param requestsPerSecond the offered load over time
     * @param cpuPerRequest CPU fraction one request per second costs a replica
     * @param latencyBaseMs p95 at idle
     * @param kneeRps requests per second a replica serves before queueing outside the CPU
     * @param msPerRpsPastKnee extra p95 per request per second past the knee
     */
    public record Deployment(
            String name,
            int replicas,
            Function<Instant, Double> requestsPerSecond,
            double cpuPerRequest,
            double latencyBaseMs,
            double kneeRps,
            double msPerRpsPastKnee) {
        public Deployment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(requestsPerSecond, "requestsPerSecond");
        }
    }

    private final class State {
        final Deployment spec;
        int desired;
        int ready;
        Instant readyAt;
        long memoryRequest = DEFAULT_MEMORY_REQUEST;

        State(Deployment spec) {
            this.spec = spec;
            this.desired = spec.replicas();
            this.ready = spec.replicas();
        }
    }

    private final Map<String, State> deployments = new LinkedHashMap<>();
    private final Set<String> seenKeys = new HashSet<>();
    private final java.time.Clock clock;

    public CapacityCluster(java.time.Clock clock, List<Deployment> deployments) {
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Deployment d : deployments) {
            this.deployments.put(d.name(), new State(d));
        }
    }

    public synchronized List<String> services() {
        return List.copyOf(deployments.keySet());
    }

    public synchronized int desiredReplicas(String service) {
        return state(service).desired;
    }

    public synchronized long memoryRequest(String service) {
        return state(service).memoryRequest;
    }

    public synchronized int readyReplicas(String service) {
        settle(state(service));
        return state(service).ready;
    }

    /** What the service reports now. */
    public synchronized TelemetryEvent observe(String service) {
        State s = state(service);
        settle(s);
        Instant now = clock.instant();
        double rps = s.spec.requestsPerSecond().apply(now);
        double perReplica = rps / Math.max(1, s.ready);
        double cpu = Math.min(1.0, perReplica * s.spec.cpuPerRequest());
        double latency = s.spec.latencyBaseMs() / (1 - Math.min(cpu, 0.95))
                + Math.max(0, perReplica - s.spec.kneeRps()) * s.spec.msPerRpsPastKnee();
        return TelemetryEvent.builder(service, now)
                .latencyP50(latency * 0.4)
                .latencyP95(latency)
                .latencyP99(latency * 1.3)
                .errorRate(latency > 1000 ? 0.05 : 0.002)
                .throughput(rps)
                .cpuUtil(cpu)
                .memoryUtil(Math.min(1.0, (0.1 + 0.9 * cpu) * DEFAULT_MEMORY_REQUEST / s.memoryRequest))
                .build();
    }

    @Override
    public boolean handles(Action action) {
        return deployments.containsKey(action.target());
    }

    @Override
    public synchronized ActionOutcome execute(Permit permit) {
        Action action = permit.redeem();
        Instant now = clock.instant();
        if (!seenKeys.add(action.idempotencyKey())) {
            return new ActionOutcome(action, ActionOutcome.Status.SKIPPED, "already applied", now);
        }
        State s = state(action.target());
        settle(s);
        return switch (action.type()) {
            case SCALE_OUT, SCALE_IN -> {
                String raw = action.parameters().get(TargetSnapshot.REPLICAS);
                int to;
                try {
                    to = Integer.parseInt(raw);
                } catch (NumberFormatException e) {
                    seenKeys.remove(action.idempotencyKey());
                    yield new ActionOutcome(action, ActionOutcome.Status.FAILED, "replicas '" + raw + "'", now);
                }
                int from = s.desired;
                s.desired = to;
                if (to < s.ready) {
                    s.ready = to;
                } else if (to > s.ready) {
                    s.readyAt = now.plus(READY_AFTER);
                }
                yield new ActionOutcome(
                        action,
                        ActionOutcome.Status.SUCCEEDED,
                        "scaled " + action.target() + " from " + from + " to " + to + " replicas",
                        now);
            }
            case ADJUST_RESOURCES -> {
                String raw = action.parameters().get(TargetSnapshot.MEMORY);
                long bytes;
                try {
                    bytes = dev.arf.core.blueprint.Units.memory(raw);
                } catch (IllegalArgumentException e) {
                    seenKeys.remove(action.idempotencyKey());
                    yield new ActionOutcome(action, ActionOutcome.Status.FAILED, "memory: " + e.getMessage(), now);
                }
                long from = s.memoryRequest;
                s.memoryRequest = bytes;
                yield new ActionOutcome(
                        action,
                        ActionOutcome.Status.SUCCEEDED,
                        "memory request of " + action.target() + " from " + from / (1024 * 1024) + "Mi to " + raw,
                        now);
            }
            case RESTART_CONTAINER ->
                new ActionOutcome(action, ActionOutcome.Status.SUCCEEDED, "rolling restart of " + action.target(), now);
            default -> {
                seenKeys.remove(action.idempotencyKey());
                yield new ActionOutcome(
                        action,
                        ActionOutcome.Status.FAILED,
                        action.type().key() + " is not supported by the capacity cluster",
                        now);
            }
        };
    }

    @Override
    public synchronized Optional<TargetSnapshot> snapshot(String target) {
        State s = deployments.get(target);
        return s == null
                ? Optional.empty()
                : Optional.of(new TargetSnapshot(
                        target,
                        Map.of(
                                TargetSnapshot.REPLICAS,
                                Integer.toString(s.desired),
                                TargetSnapshot.MEMORY,
                                s.memoryRequest / (1024 * 1024) + "Mi"),
                        clock.instant()));
    }

    private void settle(State s) {
        if (s.readyAt != null && !clock.instant().isBefore(s.readyAt)) {
            s.ready = s.desired;
            s.readyAt = null;
        }
    }

    private State state(String service) {
        State s = deployments.get(service);
        if (s == null) {
            throw new IllegalArgumentException(
                    "no deployment " + service + "; the cluster runs " + deployments.keySet());
        }
        return s;
    }
}
