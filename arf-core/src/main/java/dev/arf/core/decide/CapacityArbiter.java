package dev.arf.core.decide;

import dev.arf.core.blueprint.Priority;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When services compete for shared capacity (a replica budget for the pool they run in), scale-ups
 * are granted in priority order — high before medium before low, the busier service first within a
 * priority — until the capacity is used; what does not fit is trimmed or held, and the conflict is
 * recorded with its resolution. Scale-downs and holds always fit.
 */
public final class CapacityArbiter {
    /** The outcome: the decisions to carry out, and the conflicts found on the way. */
    public record Resolution(List<ScalingDecision> decisions, List<Conflict> conflicts) {
        public Resolution {
            decisions = List.copyOf(decisions);
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * @param services every service that wanted more than the pool had left
     * @param needed replicas all decisions together asked for
     */
    public record Conflict(List<String> services, int capacity, int needed, String resolution) {
        public Conflict {
            services = List.copyOf(services);
            Objects.requireNonNull(resolution, "resolution");
        }
    }

    private CapacityArbiter() {}

    /**
     * @param capacity replicas the pool can run in total
     * @param priorities each service's blueprint priority (missing: low)
     */
    public static Resolution resolve(List<ScalingDecision> decisions, int capacity, Map<String, Priority> priorities) {
        int needed = decisions.stream().mapToInt(ScalingDecision::to).sum();
        if (needed <= capacity) {
            return new Resolution(decisions, List.of());
        }
        int committed = decisions.stream()
                .filter(d -> d.verdict() != ScalingDecision.Verdict.SCALE_UP)
                .mapToInt(ScalingDecision::to)
                .sum();
        List<ScalingDecision> ups = new ArrayList<>(decisions.stream()
                .filter(d -> d.verdict() == ScalingDecision.Verdict.SCALE_UP)
                .toList());
        ups.sort(Comparator.comparing((ScalingDecision d) -> priorities.getOrDefault(d.service(), Priority.LOW))
                .thenComparing(
                        Comparator.comparingDouble(ScalingDecision::utilisation).reversed())
                .thenComparing(ScalingDecision::service));
        int free = capacity
                - committed
                - ups.stream().mapToInt(ScalingDecision::from).sum();
        List<ScalingDecision> result = new ArrayList<>(decisions.stream()
                .filter(d -> d.verdict() != ScalingDecision.Verdict.SCALE_UP)
                .toList());
        List<String> losers = new ArrayList<>();
        StringBuilder how = new StringBuilder();
        for (ScalingDecision up : ups) {
            int wanted = up.to() - up.from();
            int granted = Math.max(0, Math.min(wanted, free));
            free -= granted;
            String priority =
                    priorities.getOrDefault(up.service(), Priority.LOW).key();
            if (granted == wanted) {
                result.add(up);
                how.append(up.service())
                        .append(" (")
                        .append(priority)
                        .append(") granted +")
                        .append(granted)
                        .append("; ");
                continue;
            }
            losers.add(up.service());
            String why = up.rationale() + "; capacity " + capacity + " shared: granted +" + granted + " of +" + wanted
                    + " to " + up.service() + " (" + priority + " priority)";
            result.add(granted == 0 ? up.held(why) : up.trimmedTo(up.from() + granted, why));
            how.append(up.service())
                    .append(" (")
                    .append(priority)
                    .append(") granted +")
                    .append(granted)
                    .append(" of +")
                    .append(wanted)
                    .append("; ");
        }
        List<String> contenders = ups.stream().map(ScalingDecision::service).toList();
        Conflict conflict = new Conflict(
                contenders,
                capacity,
                needed,
                "by priority: " + how.toString().trim() + (losers.isEmpty() ? "" : " deferred: " + losers));
        return new Resolution(result, List.of(conflict));
    }
}
