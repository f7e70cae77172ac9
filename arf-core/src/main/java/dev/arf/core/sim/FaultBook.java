package dev.arf.core.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The faults active in a fleet, when each began, and what they add up to per service. */
final class FaultBook {
    private static final Duration SURGE_RAMP = Duration.ofMinutes(2);
    private static final Duration CPU_RAMP = Duration.ofMinutes(1);
    private static final Duration FAILURE_RAMP = Duration.ofMinutes(2);
    private static final Duration MEMORY_RAMP = Duration.ofMinutes(1);

    /** A fault and its onset; {@code fromDeploy} marks a leak that came in with a bad deploy. */
    private record Active(Fault fault, Instant since, boolean fromDeploy) {}

    private final List<Active> active = new ArrayList<>();

    /** False if the same fault is already active (injecting twice changes nothing). */
    boolean inject(Fault fault, Instant now) {
        if (active.stream().anyMatch(a -> a.fault().equals(fault))) {
            return false;
        }
        boolean fromDeploy = fault instanceof Fault.MemoryLeak
                && latestDeploy(fault.service()).isPresent();
        active.add(new Active(fault, now, fromDeploy));
        return true;
    }

    boolean clear(Fault fault) {
        return active.removeIf(a -> a.fault().equals(fault));
    }

    void clearAll() {
        active.clear();
    }

    List<Fault> faults() {
        return active.stream().map(Active::fault).toList();
    }

    Optional<Fault.BadDeploy> latestDeploy(String service) {
        Fault.BadDeploy latest = null;
        for (Active a : active) {
            if (a.fault() instanceof Fault.BadDeploy d && d.service().equals(service)) {
                latest = d;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The version that ran before {@code deploy}: an earlier bad deploy's, or the spec's. */
    String versionBefore(Fault.BadDeploy deploy, String specVersion) {
        String before = specVersion;
        for (Active a : active) {
            if (a.fault().equals(deploy)) {
                return before;
            }
            if (a.fault() instanceof Fault.BadDeploy d && d.service().equals(deploy.service())) {
                before = d.version();
            }
        }
        return before;
    }

    /**
     * Removes the latest bad deploy of {@code service} and the leaks it brought in; a leak that was
     * there before the deploy stays.
     */
    void rollBack(String service) {
        latestDeploy(service).ifPresent(deploy -> {
            clear(deploy);
            if (latestDeploy(service).isEmpty()) {
                active.removeIf(a -> a.fromDeploy() && a.fault().service().equals(service));
            }
        });
    }

    /** Removes every fault on {@code service} that matches; true if any was removed. */
    boolean removeIf(String service, Predicate<Fault> which) {
        return active.removeIf(a -> a.fault().service().equals(service) && which.test(a.fault()));
    }

    boolean has(String service, Predicate<Fault> which) {
        return active.stream().anyMatch(a -> a.fault().service().equals(service) && which.test(a.fault()));
    }

    Conditions conditionsFor(String service, Instant now) {
        double surge = 1;
        double extraCpu = 0;
        double deployErrors = 0;
        double deployLatency = 1;
        double failure = 0;
        double leak = 0;
        boolean partitioned = false;
        double injectedMs = 0;
        double slowShare = 0;
        double injectedErrorsOk = 1;
        double memoryPressure = 0;
        java.util.Set<String> killed = new java.util.HashSet<>();
        for (Active a : active) {
            if (!a.fault().service().equals(service)) {
                continue;
            }
            Duration elapsed = Duration.between(a.since(), now);
            switch (a.fault()) {
                case Fault.TrafficSurge s -> surge *= 1 + (s.multiplier() - 1) * ramp(elapsed, SURGE_RAMP);
                case Fault.CpuSaturation c -> extraCpu += c.extraCpu() * ramp(elapsed, CPU_RAMP);
                case Fault.BadDeploy d -> {
                    deployErrors += d.errorRate();
                    deployLatency *= d.latencyFactor();
                }
                case Fault.DependencyFailure f -> failure = Math.max(failure, ramp(elapsed, FAILURE_RAMP));
                case Fault.MemoryLeak m -> leak += m.ratePerMinute();
                case Fault.NetworkPartition p -> partitioned = true;
                case Fault.LatencyInjection l -> {
                    injectedMs += l.addedMs();
                    slowShare = Math.max(slowShare, l.share());
                }
                case Fault.ErrorInjection e -> injectedErrorsOk *= 1 - e.errorRate() * e.share();
                case Fault.MemoryPressure m -> memoryPressure += m.fraction() * ramp(elapsed, MEMORY_RAMP);
                case Fault.InstanceKill k -> killed.addAll(k.instances());
            }
        }
        return new Conditions(
                surge,
                Math.min(extraCpu, 0.95),
                Math.min(deployErrors, 1),
                deployLatency,
                failure,
                leak,
                partitioned,
                injectedMs,
                slowShare,
                1 - injectedErrorsOk,
                Math.min(memoryPressure, 1),
                killed.size());
    }

    private static double ramp(Duration elapsed, Duration over) {
        if (elapsed.isNegative()) {
            return 0;
        }
        return Math.min(1, (double) elapsed.toMillis() / over.toMillis());
    }
}
