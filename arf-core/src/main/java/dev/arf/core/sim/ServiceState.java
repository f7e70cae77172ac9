package dev.arf.core.sim;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** The mutable state of one simulated service; owned by its fleet and only touched under its lock. */
final class ServiceState {
    final ServiceSpec spec;
    int desiredReplicas;
    int readyReplicas;
    /** Memory fraction held by a leak since the last restart. */
    double leakedMemory;
    /** Memory fraction that follows load slowly (an exponential average). */
    double loadMemory;
    /** Slowly wandering multiplicative demand noise (AR(1) around 0). */
    double demandNoise;
    /** Share of this service's traffic served by a healthy standby, 0..1. */
    double trafficShift;
    /** End of a rolling restart in progress, or null. */
    Instant restartUntil;
    /** End of an OOM kill's restart, or null. */
    Instant oomUntil;

    boolean rollbackPending;
    /** Dependencies this service currently fails fast on. */
    final Set<String> breakersOpenTo = new LinkedHashSet<>();
    /** Last tick's result; null before the first tick. */
    Observation last;

    ServiceState(ServiceSpec spec) {
        this.spec = spec;
        this.desiredReplicas = spec.replicas();
        this.readyReplicas = spec.replicas();
        this.loadMemory = spec.baseMemory();
    }

    boolean restarting(Instant now) {
        return restartUntil != null && now.isBefore(restartUntil);
    }

    boolean oomRestarting(Instant now) {
        return oomUntil != null && now.isBefore(oomUntil);
    }
}
