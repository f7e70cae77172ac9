package dev.arf.lab.replay;

import dev.arf.core.agents.ServiceProfile;
import dev.arf.core.telemetry.Metric;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An outage's telemetry as reconstructed from its public account: sparse points on a minute scale,
 * when customers were first hurt, and what the account says, so that a replay can be judged
 * against it. Built by {@link TimelineReader} from a JSON or CSV file.
 *
 * @param id short name, safe in file names ({@code aws-s3-2017})
 * @param date the day of the outage as written in its account ({@code 2017-02-28}), empty when unknown
 * @param postmortemUrl the public postmortem, empty when none is given
 * @param service the service name the replayed telemetry carries
 * @param impactStartMinute the minute customers were first affected; detection is measured from it
 * @param postmortemSays what the public account reports (times, symptoms), for the report
 * @param reconstructionNotes how the points were made and how sparse they are, for the report
 * @param profile the Impact agent's business settings; empty means ARF's default profile
 * @param holdAfterMinutes how long the last point's values are held after it, so that a slow
 *     detection can still happen (the outages all lasted far longer than their timelines)
 */
public record OutageTimeline(
        String id,
        String name,
        String date,
        String postmortemUrl,
        String service,
        String description,
        double impactStartMinute,
        String postmortemSays,
        String reconstructionNotes,
        Optional<ServiceProfile> profile,
        double holdAfterMinutes,
        List<TimelinePoint> points) {

    public OutageTimeline {
        points = List.copyOf(points);
        if (points.size() < 2) {
            throw new IllegalArgumentException("a timeline needs at least two points");
        }
    }

    public double firstMinute() {
        return points.get(0).minute();
    }

    public double lastMinute() {
        return points.get(points.size() - 1).minute();
    }

    /** The metrics any point gives, in {@link Metric} order. */
    public Set<Metric> metrics() {
        Set<Metric> metrics = EnumSet.noneOf(Metric.class);
        points.forEach(p -> metrics.addAll(p.values().keySet()));
        return metrics;
    }

    /** Points strictly before the impact minute: the reconstruction's only evidence of a precursor. */
    public long pointsBeforeImpact() {
        return points.stream().filter(p -> p.minute() < impactStartMinute).count();
    }

    /**
     * This timeline with an abrupt onset: the healthy values of the first point hold until just
     * before impact (every earlier point is dropped), so there is no precursor to detect. Empty when
     * no point lies before impact.
     */
    public Optional<OutageTimeline> withAbruptOnset() {
        if (pointsBeforeImpact() == 0) {
            return Optional.empty();
        }
        java.util.Map<Metric, Double> healthy = new java.util.EnumMap<>(Metric.class);
        for (Metric m : metrics()) {
            points.stream()
                    .filter(p -> p.values().containsKey(m))
                    .findFirst()
                    .ifPresent(p -> healthy.put(m, p.value(m)));
        }
        List<TimelinePoint> abrupt = new java.util.ArrayList<>();
        abrupt.add(new TimelinePoint(firstMinute(), healthy));
        double justBefore = impactStartMinute - 0.01;
        if (justBefore > firstMinute()) {
            abrupt.add(new TimelinePoint(justBefore, healthy));
        }
        points.stream().filter(p -> p.minute() >= impactStartMinute).forEach(abrupt::add);
        if (abrupt.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new OutageTimeline(
                id,
                name + " (abrupt onset)",
                date,
                postmortemUrl,
                service,
                description,
                impactStartMinute,
                postmortemSays,
                reconstructionNotes,
                profile,
                holdAfterMinutes,
                abrupt));
    }
}
