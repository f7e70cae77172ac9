package dev.arf.core.sim;

/**
 * The physics of one service, as pure functions of utilisation and conditions: an M/M/1-like
 * queue (latency grows as 1/(1-ρ), capped), load shedding beyond capacity, CPU proportional to
 * work, and how a dependency's trouble reaches its callers.
 */
final class ServiceModel {
    /** Callers give up on a dependency after this long; a partition shows up as exactly this. */
    static final double CALL_TIMEOUT_MS = 1000;
    /** Errors a caller still returns for a dependency behind an open breaker (fallbacks fail). */
    static final double DEGRADED_ERROR_RATE = 0.03;
    /** Latency of a call short-circuited by an open breaker. */
    static final double FAIL_FAST_MS = 0.5;
    /** Share of a dependency's errors that its caller passes on (the rest are retried away). */
    static final double ERROR_PROPAGATION = 0.9;
    /** Memory at which a leaking container is OOM-killed. */
    static final double OOM_THRESHOLD = 0.98;
    /** What a failing service looks like at full severity (seed 000's database: 850 ms, 35%, 98%). */
    static final double FAILURE_ERROR_RATE = 0.35;

    static final double FAILURE_MEMORY = 0.98;

    private static final double MAX_QUEUEING = 25;

    private ServiceModel() {}

    record Latency(double p50, double p95, double p99) {}

    /** Requests per second the service's ready replicas can serve, after runaway CPU takes its part. */
    static double capacity(ServiceSpec spec, int readyReplicas, double extraCpu) {
        double free = Math.max(0.02, (1 - spec.baseCpu() - extraCpu) / (1 - spec.baseCpu()));
        return readyReplicas * spec.capacityPerReplica() * free;
    }

    /** Queueing delay factor: 1/(1-ρ), capped where a real server's queue would be bounded. */
    static double queueing(double rho) {
        return Math.min(1 / (1 - Math.min(rho, 0.99)), MAX_QUEUEING);
    }

    /** The service's own latency, excluding time spent waiting for dependencies. */
    static Latency ownLatency(ServiceSpec spec, double rho, Conditions c, double gcFactor, double noise) {
        double bounded = Math.min(rho, 1);
        double p50 = spec.baseLatencyMs() * c.deployLatencyFactor() * queueing(rho) * gcFactor * noise;
        double p95 = p50 * (1.9 + bounded);
        double p99 = p50 * (3.0 + 2 * bounded);
        double f = c.failure();
        double ms = c.injectedLatencyMs();
        double slow = c.injectedLatencyShare();
        return new Latency(
                p50 + 250 * f + ms * tailWeight(slow, 0.50),
                p95 + 600 * f + ms * tailWeight(slow, 0.95),
                p99 + 820 * f + ms * tailWeight(slow, 0.99));
    }

    /** How far a percentile moves towards a slow share's delay: fully once the share exceeds its tail. */
    static double tailWeight(double slowShare, double percentile) {
        return Math.min(1, slowShare / (1 - percentile));
    }

    /** Errors the service causes itself: baseline, bad versions, shedding beyond capacity, failure. */
    static double ownErrors(ServiceSpec spec, double rho, Conditions c, double noise) {
        double shed = rho > 1 ? 1 - 1 / rho : 0;
        double nearSaturation = rho > 0.9 ? Math.min(rho - 0.9, 0.1) * 0.3 : 0;
        double ok = (1 - spec.baseErrorRate() * noise)
                * (1 - c.deployErrorRate())
                * (1 - shed)
                * (1 - nearSaturation)
                * (1 - FAILURE_ERROR_RATE * c.failure())
                * (1 - c.injectedErrorRate());
        return clamp01(1 - ok);
    }

    static double cpu(ServiceSpec spec, double rho, Conditions c) {
        double work = (1 - spec.baseCpu() - c.extraCpu()) * 0.9 * Math.min(rho, 1);
        return clamp01(spec.baseCpu() + c.extraCpu() + Math.max(0, work) + 0.3 * c.failure());
    }

    /** Memory a service tends to at a given utilisation, before leaks and failures. */
    static double memoryTarget(ServiceSpec spec, double rho) {
        return spec.baseMemory() + 0.25 * Math.min(rho, 1);
    }

    /** Garbage-collection slowdown as memory nears the limit. */
    static double gcFactor(double memory) {
        return memory > 0.85 ? 1 + 12 * (memory - 0.85) : 1;
    }

    /**
     * A dependency's latency percentile as a caller sees it: calls that time out (the partitioned
     * share) take the timeout, and a percentile reaches it once that share exceeds its tail.
     */
    static double callLatency(double dependencyMs, double timedOutShare, double percentile) {
        double capped = Math.min(dependencyMs, CALL_TIMEOUT_MS);
        double weight = Math.min(1, timedOutShare / (1 - percentile));
        return capped + (CALL_TIMEOUT_MS - capped) * weight;
    }

    /**
     * Whether callers should count a service as failing: unreachable, at least 5% errors, or a p99
     * of half a second or more. A service not yet observed is failing only if unreachable.
     */
    static boolean failing(Observation last, boolean partitioned) {
        return partitioned || (last != null && (last.errorRate() >= 0.05 || last.p99() >= 500));
    }

    static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
