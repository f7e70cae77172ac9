package dev.arf.lab.replay;

import dev.arf.core.telemetry.Metric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A sparse timeline turned into a regular stream of samples: each metric is linearly interpolated
 * between the points that give it and held at its nearest given value outside them; the first
 * point's values are held through the lead-in and the last point's for the timeline's hold-after
 * period; then seeded Gaussian noise is applied. Deterministic for a timeline and settings.
 */
final class TelemetryTrack {
    private TelemetryTrack() {}

    /** The virtual instant of a timeline minute. */
    static Instant instantOf(OutageTimeline timeline, ReplaySettings settings, double minute) {
        double fromStart = minute - timeline.firstMinute() + settings.leadInMinutes();
        return settings.start().plusMillis(Math.round(fromStart * 60_000));
    }

    static List<ReplayedSample> of(OutageTimeline timeline, ReplaySettings settings) {
        SplittableRandom random = new SplittableRandom(
                settings.seed() * 1_000_003L + timeline.id().hashCode());
        double step = settings.stepMinutes();
        double from = timeline.firstMinute() - settings.leadInMinutes();
        double to = timeline.lastMinute() + timeline.holdAfterMinutes();
        long count = (long) Math.floor((to - from) / step + 1e-9) + 1;
        Map<Metric, double[][]> tracks = new EnumMap<>(Metric.class);
        for (Metric m : timeline.metrics()) {
            tracks.put(m, given(timeline, m));
        }
        List<ReplayedSample> samples = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            double minute = from + i * step;
            EnumMap<Metric, Double> values = new EnumMap<>(Metric.class);
            for (Map.Entry<Metric, double[][]> e : tracks.entrySet()) {
                double v = interpolate(e.getValue(), minute);
                double g = Math.max(-3, Math.min(3, random.nextGaussian()));
                v = v * (1 + settings.noise() * g);
                v = e.getKey().isRatio() ? Math.max(0, Math.min(1, v)) : Math.max(0, v);
                values.put(e.getKey(), v);
            }
            Instant at = settings.start().plus(settings.step().multipliedBy(i));
            samples.add(new ReplayedSample(minute, at, minute < timeline.firstMinute() - 1e-9, values));
        }
        return samples;
    }

    /** The (minute, value) pairs at which the timeline gives {@code metric}. */
    private static double[][] given(OutageTimeline timeline, Metric metric) {
        List<double[]> pairs = new ArrayList<>();
        for (TimelinePoint p : timeline.points()) {
            double v = p.value(metric);
            if (!Double.isNaN(v)) {
                pairs.add(new double[] {p.minute(), v});
            }
        }
        return pairs.toArray(new double[0][]);
    }

    static double interpolate(double[][] pairs, double minute) {
        if (minute <= pairs[0][0]) {
            return pairs[0][1];
        }
        for (int i = 1; i < pairs.length; i++) {
            if (minute <= pairs[i][0]) {
                double[] a = pairs[i - 1];
                double[] b = pairs[i];
                double f = (minute - a[0]) / (b[0] - a[0]);
                return a[1] + f * (b[1] - a[1]);
            }
        }
        return pairs[pairs.length - 1][1];
    }
}
