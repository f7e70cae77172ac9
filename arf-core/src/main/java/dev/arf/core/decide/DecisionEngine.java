package dev.arf.core.decide;

import dev.arf.core.blueprint.Scaling;
import dev.arf.core.blueprint.ServiceBlueprint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seed 002's decision engine: each service's weighted utilisation (CPU, memory, latency pressure)
 * against its blueprint's thresholds gives scale up, scale down or hold, with the rationale written
 * out. Scaling up follows the Kubernetes HPA rule (replicas × utilisation / target, at least one
 * more); scaling down waits until utilisation stayed low for the stabilisation period and removes at
 * most what the same rule says, never below the minimum. A scale-up past the maximum is proposed as
 * it is: the Guardian turns it into an approval request. Services are decided independently; only
 * {@link CapacityArbiter} weighs them against each other. Thread-safe.
 */
public final class DecisionEngine {
    private final DecisionSettings settings;
    private final Map<String, Instant> lowSince = new ConcurrentHashMap<>();
    private final Map<String, Instant> memoryLowSince = new ConcurrentHashMap<>();

    public DecisionEngine(DecisionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ScalingDecision decide(ServiceBlueprint blueprint, ServiceLoad load) {
        Scaling scaling = blueprint.scaling();
        List<String> parts = new ArrayList<>();
        double weighted = settings.cpuWeight() * load.cpu();
        double weights = settings.cpuWeight();
        parts.add(String.format(Locale.ROOT, "cpu %.2f×%.1f", load.cpu(), settings.cpuWeight()));
        if (!Double.isNaN(load.memory()) && settings.memoryWeight() > 0) {
            weighted += settings.memoryWeight() * load.memory();
            weights += settings.memoryWeight();
            parts.add(String.format(Locale.ROOT, "memory %.2f×%.1f", load.memory(), settings.memoryWeight()));
        }
        var latencyTarget = blueprint.performance().latencyTargetP95();
        if (!Double.isNaN(load.latencyP95()) && latencyTarget.isPresent() && settings.latencyWeight() > 0) {
            double targetMs = latencyTarget.get().toNanos() / 1e6;
            double pressure = Math.min(2.0, load.latencyP95() / targetMs) * scaling.scaleUpThreshold();
            weighted += settings.latencyWeight() * pressure;
            weights += settings.latencyWeight();
            parts.add(String.format(
                    Locale.ROOT,
                    "latency %.0f/%.0fms→%.2f×%.1f",
                    load.latencyP95(),
                    targetMs,
                    pressure,
                    settings.latencyWeight()));
        }
        double u = weighted / weights;
        String why = String.format(Locale.ROOT, "weighted utilisation %.2f (%s)", u, String.join(", ", parts));
        int from = load.replicas();
        String service = load.service();
        if (u > scaling.scaleUpThreshold()) {
            lowSince.remove(service);
            int to = Math.max(from + 1, (int) Math.ceil(Math.max(1, from) * u / scaling.targetCpuUtilization()));
            return new ScalingDecision(
                    service,
                    ScalingDecision.Verdict.SCALE_UP,
                    from,
                    to,
                    u,
                    String.format(
                            Locale.ROOT,
                            "%s above scale-up threshold %.2f: %d → %d replicas%s",
                            why,
                            scaling.scaleUpThreshold(),
                            from,
                            to,
                            to > scaling.maxReplicas()
                                    ? " (beyond max_replicas " + scaling.maxReplicas() + ": needs approval)"
                                    : ""),
                    load.at());
        }
        if (u < scaling.scaleDownThreshold() && from > scaling.minReplicas()) {
            Instant since = lowSince.computeIfAbsent(service, s -> load.at());
            Duration low = Duration.between(since, load.at());
            if (low.compareTo(settings.scaleDownStabilization()) < 0) {
                return hold(
                        load,
                        u,
                        String.format(
                                Locale.ROOT,
                                "%s below scale-down threshold %.2f for %ds of %ds: holding (hysteresis)",
                                why,
                                scaling.scaleDownThreshold(),
                                low.toSeconds(),
                                settings.scaleDownStabilization().toSeconds()));
            }
            int byRule = (int) Math.ceil(from * u / scaling.targetCpuUtilization());
            int to = Math.max(scaling.minReplicas(), Math.min(from - 1, byRule));
            lowSince.remove(service);
            return new ScalingDecision(
                    service,
                    ScalingDecision.Verdict.SCALE_DOWN,
                    from,
                    to,
                    u,
                    String.format(
                            Locale.ROOT,
                            "%s below scale-down threshold %.2f for %ds: %d → %d replicas",
                            why,
                            scaling.scaleDownThreshold(),
                            low.toSeconds(),
                            from,
                            to),
                    load.at());
        }
        lowSince.remove(service);
        return hold(
                load,
                u,
                String.format(
                        Locale.ROOT,
                        "%s within [%.2f, %.2f]: no change at %d replicas",
                        why,
                        scaling.scaleDownThreshold(),
                        scaling.scaleUpThreshold(),
                        from));
    }

    /**
     * Resource adjustment within bounds (seed 002's {@code adjust_resources_within_bounds}): memory above
     * the scale-up threshold of its request raises the request to what brings it back to the target
     * utilisation (the blueprint's {@code target_memory_utilization}, else the CPU target), never past
     * the blueprint's memory max; memory below the scale-down threshold through the stabilisation
     * period lowers it, never under the min, and only by 10 % or more. Replicas do not help a service
     * whose every replica runs short of memory; this does.
     *
     * @param memoryRequestBytes the request each replica has now
     */
    public java.util.Optional<ResourceDecision> decideMemory(
            ServiceBlueprint blueprint, ServiceLoad load, long memoryRequestBytes) {
        Scaling scaling = blueprint.scaling();
        double memory = load.memory();
        if (Double.isNaN(memory) || memoryRequestBytes <= 0) {
            return java.util.Optional.empty();
        }
        double target = scaling.targetMemoryUtilization().orElse(scaling.targetCpuUtilization());
        var bounds = blueprint.resources().memoryBytes();
        long wanted = ResourceDecision.roundUpToMib(memoryRequestBytes * memory / target);
        String service = load.service();
        if (memory > scaling.scaleUpThreshold()) {
            memoryLowSince.remove(service);
            long to = bounds.max().map(max -> Math.min(max, wanted)).orElse(wanted);
            if (to <= memoryRequestBytes) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new ResourceDecision(
                    service,
                    memoryRequestBytes,
                    to,
                    memory,
                    String.format(
                            Locale.ROOT,
                            "memory at %.0f%% of its %s request, above %.0f%%: request %s → %s to bring it to %.0f%%%s",
                            memory * 100,
                            ResourceDecision.mib(memoryRequestBytes),
                            scaling.scaleUpThreshold() * 100,
                            ResourceDecision.mib(memoryRequestBytes),
                            ResourceDecision.mib(to),
                            target * 100,
                            to < wanted ? " (capped at the blueprint's max " + ResourceDecision.mib(to) + ")" : ""),
                    load.at()));
        }
        if (memory < scaling.scaleDownThreshold()) {
            Instant since = memoryLowSince.computeIfAbsent(service, s -> load.at());
            if (Duration.between(since, load.at()).compareTo(settings.scaleDownStabilization()) < 0) {
                return java.util.Optional.empty();
            }
            long to = bounds.min().map(min -> Math.max(min, wanted)).orElse(wanted);
            if (to > memoryRequestBytes * 0.9) {
                return java.util.Optional.empty();
            }
            memoryLowSince.remove(service);
            return java.util.Optional.of(new ResourceDecision(
                    service,
                    memoryRequestBytes,
                    to,
                    memory,
                    String.format(
                            Locale.ROOT,
                            "memory at %.0f%% of its %s request, below %.0f%% for %ds: request %s → %s",
                            memory * 100,
                            ResourceDecision.mib(memoryRequestBytes),
                            scaling.scaleDownThreshold() * 100,
                            Duration.between(since, load.at()).toSeconds(),
                            ResourceDecision.mib(memoryRequestBytes),
                            ResourceDecision.mib(to)),
                    load.at()));
        }
        memoryLowSince.remove(service);
        return java.util.Optional.empty();
    }

    private static ScalingDecision hold(ServiceLoad load, double u, String why) {
        return new ScalingDecision(
                load.service(), ScalingDecision.Verdict.HOLD, load.replicas(), load.replicas(), u, why, load.at());
    }
}
