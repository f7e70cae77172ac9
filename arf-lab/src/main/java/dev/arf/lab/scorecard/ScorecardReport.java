package dev.arf.lab.scorecard;

import dev.arf.lab.chaos.ExperimentResult;
import dev.arf.lab.chaos.SoakResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scorecard run: every experiment's result, the soak, the overall figures and seed 004's targets.
 *
 * @param meanTimeToDetect over the experiments whose fault was detected
 * @param undetected experiments whose fault went in and no incident followed on an impacted service
 * @param meanTimeToRecover over the experiments that broke the steady state and recovered
 * @param unrecovered experiments that broke the steady state and had not recovered when they ended
 * @param broken experiments whose fault broke the steady state (the ones that needed resolving)
 * @param healed of those, the ones ARF resolved before the fault's scheduled end
 * @param falsePositiveUnits soak hours with an incident plus experiments with a false-positive incident
 * @param units soak hours plus experiments
 * @param refusedByReason actions refused by governance, by reason code
 * @param harmfulLeft harmful actions that were not rolled back
 */
public record ScorecardReport(
        long seed,
        List<ExperimentResult> experiments,
        SoakResult soak,
        Optional<Duration> meanTimeToDetect,
        int undetected,
        Optional<Duration> meanTimeToRecover,
        int unrecovered,
        int broken,
        int healed,
        int falsePositiveUnits,
        int units,
        Map<String, Long> refusedByReason,
        long harmful,
        long harmfulLeft,
        List<Target> targets,
        Duration wallTime) {

    public ScorecardReport {
        experiments = List.copyOf(experiments);
        refusedByReason = Map.copyOf(refusedByReason);
        targets = List.copyOf(targets);
    }

    /** Healed over broken; 0 when nothing broke. */
    public double automatedResolutionRate() {
        return broken == 0 ? 0 : (double) healed / broken;
    }

    public double falsePositiveRate() {
        return units == 0 ? 0 : (double) falsePositiveUnits / units;
    }

    public long refused() {
        return refusedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean allTargetsMet() {
        return targets.stream().allMatch(Target::passed);
    }
}
