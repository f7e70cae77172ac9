package dev.arf.core.agents;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.Signal;
import dev.arf.core.detect.SignalKind;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names the most likely cause category from the evidence, or {@link Cause#UNKNOWN} when no category
 * is clearly ahead: a wrong confident diagnosis sends people down the wrong path, so the
 * Diagnostician abstains when the best score is weak or the runner-up is close.
 *
 * <p>Each category scores the evidence it would leave (a version change just before the errors, a
 * steady memory climb, throughput far above normal, requests timing out, ...). Scores are in [0,1].
 */
public final class Diagnostician {
    /** Minimum score for a named cause. */
    static final double MIN_SCORE = 0.5;

    /** The winner must lead the runner-up by this much, or the answer is "unknown". */
    static final double MIN_LEAD = 0.1;

    private static final Duration DEPLOY_WINDOW = Duration.ofMinutes(30);

    /** R² from which a rising line counts as a steady climb. */
    private static final double STEADY_FIT = 0.8;

    private static final Pattern DATABASE_NAME =
            Pattern.compile("(?i).*(database|\\bdb\\b|-db|db-|postgres|mysql|mariadb|mongo|cassandra|sql).*");

    public Diagnosis diagnose(TelemetryEvent event, Detection detection, ServiceHistory history) {
        return diagnose(event, detection, history, DependencyView.NONE);
    }

    /**
     * As {@link #diagnose(TelemetryEvent, Detection, ServiceHistory)}, also weighing the health of the
     * service's dependencies: symptoms with a failing dependency point at that dependency; timeouts
     * towards dependencies that all look healthy point at the network between them.
     */
    public Diagnosis diagnose(
            TelemetryEvent event, Detection detection, ServiceHistory history, DependencyView dependencies) {
        Map<Cause, Double> scores = new EnumMap<>(Cause.class);
        Map<Cause, List<String>> evidence = new EnumMap<>(Cause.class);
        Evidence e = new Evidence(event, detection, history);

        history.versionChangeWithin(DEPLOY_WINDOW, event.timestamp()).ifPresent(change -> {
            if (e.errorsElevated() || e.latencyElevated()) {
                long minutes = Duration.between(change.at(), event.timestamp()).toMinutes();
                score(
                        scores,
                        evidence,
                        Cause.BAD_DEPLOY,
                        0.9,
                        String.format(
                                Locale.ROOT,
                                "version changed %s → %s %d min ago, and %s rose since",
                                change.from(),
                                change.to(),
                                minutes,
                                e.errorsElevated() ? "errors" : "latency"));
            }
        });

        // A leak is a steady climb: a straight line fits it well. A sudden jump (a failure piling up
        // connections) fits a line badly and is something else.
        ServiceHistory.Trend memoryTrend = history.trend(Metric.MEMORY_UTIL);
        double memorySlope = memoryTrend.slopePerMinute();
        if (!Double.isNaN(memorySlope)
                && memorySlope > 0.002
                && memoryTrend.rSquared() >= STEADY_FIT
                && e.value(Metric.MEMORY_UTIL) > 0.6
                && !e.surge()) {
            double s = Math.min(0.95, 0.6 + memorySlope * 40);
            score(
                    scores,
                    evidence,
                    Cause.MEMORY_LEAK,
                    s,
                    String.format(
                            Locale.ROOT,
                            "memory climbing steadily at +%.2f%%/min to %s while load is flat",
                            memorySlope * 100,
                            Metric.MEMORY_UTIL.format(e.value(Metric.MEMORY_UTIL))));
        }

        if (e.surge()) {
            score(
                    scores,
                    evidence,
                    Cause.TRAFFIC_SURGE,
                    0.85,
                    String.format(
                            Locale.ROOT,
                            "throughput %s is %.1f× its normal %s",
                            Metric.THROUGHPUT.format(e.value(Metric.THROUGHPUT)),
                            e.throughputRatio(),
                            Metric.THROUGHPUT.format(e.normal(Metric.THROUGHPUT))));
        }

        double cpu = e.value(Metric.CPU_UTIL);
        double memory = e.value(Metric.MEMORY_UTIL);
        if ((cpu >= 0.9 || memory >= 0.92) && !e.surge()) {
            Metric hot = cpu >= 0.9 ? Metric.CPU_UTIL : Metric.MEMORY_UTIL;
            score(
                    scores,
                    evidence,
                    Cause.RESOURCE_EXHAUSTION,
                    0.7,
                    String.format(
                            Locale.ROOT,
                            "%s at %s without a matching rise in traffic",
                            hot.key(),
                            hot.format(e.value(hot))));
        }

        double p50 = e.value(Metric.LATENCY_P50);
        double p99 = e.value(Metric.LATENCY_P99);
        double errors = e.value(Metric.ERROR_RATE);
        boolean timeouts = p50 > 0 && p99 > 0 && p50 >= 0.7 * p99 && e.latencyElevated();
        if (errors >= 0.3 && timeouts && !(cpu >= 0.85) && e.throughputDropped()) {
            score(
                    scores,
                    evidence,
                    Cause.NETWORK_PARTITION,
                    0.75,
                    String.format(
                            Locale.ROOT,
                            "requests time out across the board (p50 %s ≈ p99 %s), %s errors, throughput down, CPU idle",
                            Metric.LATENCY_P50.format(p50),
                            Metric.LATENCY_P99.format(p99),
                            Metric.ERROR_RATE.format(errors)));
        }

        if (looksLikeDatabase(event) && (e.errorsElevated() || (e.latencyElevated() && !e.surge()))) {
            score(
                    scores,
                    evidence,
                    Cause.DATABASE_FAILURE,
                    0.8,
                    String.format(
                            Locale.ROOT,
                            "%s is a data store and its %s degraded",
                            event.service(),
                            e.errorsElevated() ? "error rate" : "latency"));
        }

        if (errors >= 0.1 && e.latencyElevated() && !(cpu >= 0.85) && !e.surge()) {
            score(
                    scores,
                    evidence,
                    Cause.DEPENDENCY_FAILURE,
                    0.7,
                    String.format(
                            Locale.ROOT,
                            "errors %s with latency %s while CPU is %s: the service is waiting on something downstream",
                            Metric.ERROR_RATE.format(errors),
                            Metric.LATENCY_P99.format(p99),
                            Double.isNaN(cpu) ? "not reported" : Metric.CPU_UTIL.format(cpu)));
        }

        List<String> deps = dependencies.dependenciesOf(event.service());
        boolean symptoms = e.errorsElevated() && e.latencyElevated() && !(cpu >= 0.85) && !e.surge();
        if (!deps.isEmpty() && symptoms) {
            List<String> failing =
                    deps.stream().filter(dependencies::isUnhealthy).toList();
            if (!failing.isEmpty()) {
                score(
                        scores,
                        evidence,
                        Cause.DEPENDENCY_FAILURE,
                        0.85,
                        String.format(
                                Locale.ROOT,
                                "%s depends on %s, which %s failing too",
                                event.service(),
                                String.join(" and ", failing),
                                failing.size() == 1 ? "is" : "are"));
            } else if (e.latencyRatio() >= 3) {
                score(
                        scores,
                        evidence,
                        Cause.NETWORK_PARTITION,
                        0.82,
                        String.format(
                                Locale.ROOT,
                                "calls time out (p99 %s, %.0f× normal) while its dependencies %s look healthy:"
                                        + " they cannot be reached",
                                Metric.LATENCY_P99.format(p99),
                                e.latencyRatio(),
                                String.join(", ", deps)));
            }
        }

        return decide(scores, evidence);
    }

    private static Diagnosis decide(Map<Cause, Double> scores, Map<Cause, List<String>> evidence) {
        Cause best = Cause.UNKNOWN;
        Cause second = Cause.UNKNOWN;
        double bestScore = 0;
        double secondScore = 0;
        for (Map.Entry<Cause, Double> s : scores.entrySet()) {
            if (s.getValue() > bestScore) {
                second = best;
                secondScore = bestScore;
                best = s.getKey();
                bestScore = s.getValue();
            } else if (s.getValue() > secondScore) {
                second = s.getKey();
                secondScore = s.getValue();
            }
        }
        List<String> all = new ArrayList<>();
        scores.keySet().stream()
                .sorted((a, b) -> Double.compare(scores.get(b), scores.get(a)))
                .forEach(c -> evidence.get(c).forEach(line -> all.add(c.key() + ": " + line)));
        if (bestScore < MIN_SCORE) {
            return new Diagnosis(
                    Cause.UNKNOWN,
                    0,
                    all,
                    best,
                    scores.isEmpty() ? "No cause pattern matches the evidence" : "Evidence too weak to name a cause");
        }
        if (bestScore - secondScore < MIN_LEAD) {
            return new Diagnosis(
                    Cause.UNKNOWN,
                    0,
                    all,
                    best,
                    String.format(
                            Locale.ROOT,
                            "Unknown: %s and %s fit the evidence equally well",
                            best.title(),
                            second.title()));
        }
        return new Diagnosis(
                best,
                bestScore,
                all,
                second,
                best.title() + ": " + evidence.get(best).get(0));
    }

    private static void score(
            Map<Cause, Double> scores, Map<Cause, List<String>> evidence, Cause cause, double score, String why) {
        scores.merge(cause, score, Math::max);
        evidence.computeIfAbsent(cause, c -> new ArrayList<>()).add(why);
    }

    private static boolean looksLikeDatabase(TelemetryEvent event) {
        String role = event.labels().getOrDefault("role", event.labels().getOrDefault("tier", ""));
        return role.equalsIgnoreCase("database")
                || role.equalsIgnoreCase("db")
                || DATABASE_NAME.matcher(event.service()).matches();
    }

    /** What the evidence says about each metric: its value, what is normal, whether it deviates. */
    private static final class Evidence {
        private final TelemetryEvent event;
        private final Detection detection;
        private final ServiceHistory history;

        Evidence(TelemetryEvent event, Detection detection, ServiceHistory history) {
            this.event = event;
            this.detection = detection;
            this.history = history;
        }

        double value(Metric m) {
            return event.value(m);
        }

        /** The baseline's idea of normal if a signal carries it, else the history's median. */
        double normal(Metric m) {
            for (Signal s : detection.signals()) {
                if (s.kind() == SignalKind.BASELINE && s.metric().equals(m.key()) && Double.isFinite(s.expected())) {
                    return s.expected();
                }
            }
            return history.median(m);
        }

        boolean deviates(Metric m) {
            for (Signal s : detection.signals()) {
                if (s.metric().equals(m.key())
                        && (s.kind() == SignalKind.BASELINE || s.kind() == SignalKind.THRESHOLD)) {
                    return true;
                }
            }
            return false;
        }

        boolean errorsElevated() {
            double errors = value(Metric.ERROR_RATE);
            return errors >= 0.05 || (deviates(Metric.ERROR_RATE) && errors >= 0.01);
        }

        boolean latencyElevated() {
            double p99 = value(Metric.LATENCY_P99);
            double normal = normal(Metric.LATENCY_P99);
            return deviates(Metric.LATENCY_P99)
                    || deviates(Metric.LATENCY_P95)
                    || p99 >= 1000
                    || (Double.isFinite(normal) && normal > 0 && p99 >= 2 * normal);
        }

        double latencyRatio() {
            double normal = normal(Metric.LATENCY_P99);
            double now = value(Metric.LATENCY_P99);
            return normal > 0 && Double.isFinite(now) ? now / normal : Double.NaN;
        }

        double throughputRatio() {
            double normal = normal(Metric.THROUGHPUT);
            double now = value(Metric.THROUGHPUT);
            return normal > 0 && Double.isFinite(now) ? now / normal : Double.NaN;
        }

        /** Throughput far above normal, and the detectors agree it deviates (not just recovering). */
        boolean surge() {
            double ratio = throughputRatio();
            return ratio >= 1.8 && deviates(Metric.THROUGHPUT);
        }

        boolean throughputDropped() {
            double ratio = throughputRatio();
            return Double.isNaN(ratio) || ratio <= 0.8;
        }
    }
}
