package dev.arf.core.sim;

import java.util.Objects;

/**
 * Something going wrong in a simulated fleet. A fault stays active until it is cleared, rolled back
 * or (for a runaway CPU) restarted away; its effect ramps in over a minute or two where a real one
 * would, so detectors with {@code for} durations see a realistic onset.
 */
public sealed interface Fault {
    /** The service the fault starts at. */
    String service();

    /** A short snake_case name for logs and the demo, e.g. {@code memory_leak}. */
    String kind();

    /**
     * The service itself fails: about 35% errors, p99 near 850 ms, memory pressed to ~98% (requests
     * and connections pile up). Its callers see the errors and the latency. Modelled as a wedged
     * process with an exhausted connection pool: a restart (fresh processes, fresh pools) clears it.
     */
    record DependencyFailure(String service) implements Fault {
        public DependencyFailure {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String kind() {
            return "dependency_failure";
        }
    }

    /**
     * Memory grows by {@code ratePerMinute} (a fraction of the limit) every minute until the
     * container is OOM-killed, which fails in-flight requests while it restarts; then it grows again.
     */
    record MemoryLeak(String service, double ratePerMinute) implements Fault {
        public MemoryLeak {
            Objects.requireNonNull(service, "service");
            if (!(ratePerMinute > 0 && ratePerMinute <= 1)) {
                throw new IllegalArgumentException("ratePerMinute: must be within (0, 1], got " + ratePerMinute);
            }
        }

        @Override
        public String kind() {
            return "memory_leak";
        }
    }

    /** Load at {@code service} is multiplied (ramping in over two minutes) and flows downstream. */
    record TrafficSurge(String service, double multiplier) implements Fault {
        public TrafficSurge {
            Objects.requireNonNull(service, "service");
            if (!(multiplier >= 1 && multiplier <= 100)) {
                throw new IllegalArgumentException("multiplier: must be within [1, 100], got " + multiplier);
            }
        }

        @Override
        public String kind() {
            return "traffic_surge";
        }
    }

    /** Runaway work takes {@code extraCpu} of every replica's CPU, leaving less for requests. */
    record CpuSaturation(String service, double extraCpu) implements Fault {
        public CpuSaturation {
            Objects.requireNonNull(service, "service");
            if (!(extraCpu > 0 && extraCpu <= 0.95)) {
                throw new IllegalArgumentException("extraCpu: must be within (0, 0.95], got " + extraCpu);
            }
        }

        @Override
        public String kind() {
            return "cpu_saturation";
        }
    }

    /**
     * A new {@code version} adds {@code errorRate} errors and multiplies the service's own latency
     * by {@code latencyFactor}. A rollback returns to the version before it.
     */
    record BadDeploy(String service, String version, double errorRate, double latencyFactor) implements Fault {
        public BadDeploy {
            Objects.requireNonNull(service, "service");
            if (version == null || version.isBlank()) {
                throw new IllegalArgumentException("version: missing");
            }
            if (!(errorRate >= 0 && errorRate <= 1)) {
                throw new IllegalArgumentException("errorRate: must be within [0, 1], got " + errorRate);
            }
            if (!(latencyFactor >= 1 && latencyFactor <= 100)) {
                throw new IllegalArgumentException("latencyFactor: must be within [1, 100], got " + latencyFactor);
            }
        }

        @Override
        public String kind() {
            return "bad_deploy";
        }
    }

    /**
     * The service cannot be reached: its callers' calls to it time out (errors for that share of
     * their traffic, latency at the call timeout) while it sits idle and looks healthy itself.
     */
    record NetworkPartition(String service) implements Fault {
        public NetworkPartition {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String kind() {
            return "network_partition";
        }
    }

    /**
     * Chaos: {@code addedMs} of extra delay on the requests served by {@code share} of the service's
     * instances (as {@code tc netem} on those pods would add). Percentiles move once the slow share
     * exceeds their tail (a p99 with 2% slow requests is slow, a p50 is not). Bound to the pods: a
     * restart replaces them and ends it; traffic shifted to the standby escapes it.
     */
    record LatencyInjection(String service, double addedMs, double share) implements Fault {
        public LatencyInjection {
            Objects.requireNonNull(service, "service");
            if (!(addedMs > 0 && addedMs <= 60_000)) {
                throw new IllegalArgumentException("addedMs: must be within (0, 60000], got " + addedMs);
            }
            checkShare(share);
        }

        @Override
        public String kind() {
            return "latency_injection";
        }
    }

    /**
     * Chaos: {@code share} of the service's instances fail {@code errorRate} of their requests (an
     * injected HTTP abort). Bound to the pods: a restart ends it.
     */
    record ErrorInjection(String service, double errorRate, double share) implements Fault {
        public ErrorInjection {
            Objects.requireNonNull(service, "service");
            if (!(errorRate > 0 && errorRate <= 1)) {
                throw new IllegalArgumentException("errorRate: must be within (0, 1], got " + errorRate);
            }
            checkShare(share);
        }

        @Override
        public String kind() {
            return "error_injection";
        }
    }

    /**
     * Chaos: a memory hog takes {@code fraction} of the memory limit, averaged over the instances it
     * runs on (ramping in over a minute); near the limit garbage collection slows every request.
     * Bound to the pods: a restart ends it.
     */
    record MemoryPressure(String service, double fraction) implements Fault {
        public MemoryPressure {
            Objects.requireNonNull(service, "service");
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("fraction: must be within (0, 1], got " + fraction);
            }
        }

        @Override
        public String kind() {
            return "memory_pressure";
        }
    }

    /**
     * Chaos: these instances (ids from {@link Fleet#instances}) are killed and stay down while the
     * fault lasts (their nodes are gone), so the service runs on fewer replicas. A restart does not
     * bring them back; scaling out adds replicas elsewhere.
     */
    record InstanceKill(String service, java.util.List<String> instances) implements Fault {
        public InstanceKill {
            Objects.requireNonNull(service, "service");
            instances = java.util.List.copyOf(instances);
            if (instances.isEmpty()) {
                throw new IllegalArgumentException("instances: at least one instance to kill");
            }
        }

        @Override
        public String kind() {
            return "instance_kill";
        }
    }

    private static void checkShare(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share: must be within (0, 1], got " + share);
        }
    }
}
