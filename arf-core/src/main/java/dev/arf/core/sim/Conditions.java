package dev.arf.core.sim;

/**
 * What the active faults do to one service at one instant, already ramped: the single input the
 * service model needs from the fault book.
 *
 * @param surge load multiplier at this service (1 = none)
 * @param extraCpu CPU fraction taken by runaway work
 * @param deployErrorRate errors added by a bad version
 * @param deployLatencyFactor multiplier on the service's own latency from a bad version
 * @param failure 0..1 severity of the service's own failure
 * @param leakPerMinute memory fraction leaked per minute
 * @param partitioned whether callers cannot reach it
 * @param injectedLatencyMs chaos: delay added to the slow share's requests
 * @param injectedLatencyShare chaos: share of instances (so of requests) that are slow
 * @param injectedErrorRate chaos: errors injected, averaged over the instances
 * @param memoryPressure chaos: memory fraction taken by a hog, averaged over the instances
 * @param killedInstances chaos: instances down
 */
record Conditions(
        double surge,
        double extraCpu,
        double deployErrorRate,
        double deployLatencyFactor,
        double failure,
        double leakPerMinute,
        boolean partitioned,
        double injectedLatencyMs,
        double injectedLatencyShare,
        double injectedErrorRate,
        double memoryPressure,
        int killedInstances) {

    static final Conditions HEALTHY = new Conditions(1, 0, 0, 1, 0, 0, false, 0, 0, 0, 0, 0);
}
