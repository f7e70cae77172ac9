package dev.arf.core.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened in a governed scenario: the story, the timings measured on the virtual clock next to
 * the seed's, the blueprint versions it produced, and whether the outcome is the one the use case
 * describes.
 */
public record GovernedReport(
        String scenario,
        String title,
        List<Moment> moments,
        Map<String, Duration> timings,
        String seedTiming,
        Map<String, Integer> finalReplicas,
        List<String> blueprintVersions,
        boolean asExpected,
        String verdict) {
    public GovernedReport {
        Objects.requireNonNull(scenario, "scenario");
        moments = List.copyOf(moments);
        timings = Map.copyOf(timings);
        finalReplicas = Map.copyOf(finalReplicas);
        blueprintVersions = List.copyOf(blueprintVersions);
    }

    /** @param offset since the scenario started */
    public record Moment(Duration offset, String text) {}
}
