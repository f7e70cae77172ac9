package dev.arf.core.decide;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.policy.HealingAction;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A new memory request for a service whose memory, not its CPU, is the pressure: within the
 * blueprint's {@code spec.resources.memory} bounds, with the rationale written out.
 *
 * @param fromBytes the request now
 * @param toBytes the request to set, a whole number of MiB
 */
public record ResourceDecision(
        String service, long fromBytes, long toBytes, double utilisation, String rationale, Instant at) {
    private static final long MIB = 1024 * 1024;

    public ResourceDecision {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(at, "at");
    }

    /** The action that carries it out; the request is absolute, so a retry is harmless. */
    public Action action(double confidence) {
        String memory = (toBytes / MIB) + "Mi";
        return new Action(
                "decision|" + service + "|adjust_resources|" + memory + "|" + at.toEpochMilli(),
                HealingAction.ADJUST_RESOURCES,
                service,
                Map.of(TargetSnapshot.MEMORY, memory),
                "decision-engine",
                rationale,
                at,
                confidence);
    }

    static String mib(long bytes) {
        return (bytes / MIB) + "Mi";
    }

    static long roundUpToMib(double bytes) {
        return (long) Math.ceil(bytes / MIB) * MIB;
    }
}
