package dev.arf.lab.scorecard;

import dev.arf.lab.chaos.ActionRecord;
import dev.arf.lab.chaos.BuiltInExperiments;
import dev.arf.lab.chaos.ChaosExperiment;
import dev.arf.lab.chaos.ChaosRunner;
import dev.arf.lab.chaos.Durations;
import dev.arf.lab.chaos.ExperimentResult;
import dev.arf.lab.chaos.Outcome;
import dev.arf.lab.chaos.SoakResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Seed 004's SRE scorecard for ARF: a fixed set of chaos experiments covering every kind (experiment
 * {@code i} runs with seed {@code seed + i}), and a soak of the healthy fleet with no fault, each on
 * virtual time with the real engine under governance; then the figures and seed 004's targets:
 *
 * <ul>
 *   <li><b>MTTD</b> &lt; 3 min: the mean over the experiments whose fault was detected; passes only if no
 *       experiment that broke the steady state went undetected.
 *   <li><b>MTTR</b> &lt; 20 min: the mean over the experiments that broke the steady state and recovered;
 *       passes only if every one of them recovered while the fault was still in (a recovery that came only
 *       when the experiment took the fault out at its scheduled end says the system stayed broken for the
 *       whole fault: its MTTR is a lower bound, not ARF's).
 *   <li><b>Automated resolution</b> &ge; 90 %: experiments ARF healed (the steady state held again before
 *       the fault's scheduled end, after ARF acted) over those that broke the steady state.
 *   <li><b>False positives</b> &lt; 5 %: soak hours with an incident open, plus experiments with an incident
 *       before the fault or on a service outside the blast radius that kept the steady state, over soak
 *       hours plus experiments.
 *   <li><b>Harmful actions</b>: none left un-rolled-back (see {@link dev.arf.lab.chaos.HealthChange}).
 * </ul>
 */
public final class Scorecard {
    /** The suite, in order: one experiment or more of every kind. */
    public static final List<String> SUITE = List.of(
            "checkout-latency",
            "payments-errors",
            "gateway-cpu-hog",
            "checkout-memory-hog",
            "gateway-instance-kill",
            "zone-a-outage",
            "cache-partition",
            "database-failure");

    public static final Duration SOAK = Duration.ofHours(24);

    static final Duration MTTD_TARGET = Duration.ofMinutes(3);
    static final Duration MTTR_TARGET = Duration.ofMinutes(20);
    static final double RESOLUTION_TARGET = 0.9;
    static final double FALSE_POSITIVE_TARGET = 0.05;

    private final ChaosRunner runner;
    private final List<ChaosExperiment> suite;
    private final Duration soak;

    public Scorecard(ChaosRunner runner) {
        this(
                runner,
                SUITE.stream()
                        .map(n -> BuiltInExperiments.byName(n).orElseThrow())
                        .toList(),
                SOAK);
    }

    /** A scorecard over other experiments or a shorter soak (tests). */
    public Scorecard(ChaosRunner runner, List<ChaosExperiment> suite, Duration soak) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.suite = List.copyOf(suite);
        this.soak = Objects.requireNonNull(soak, "soak");
    }

    /** @param progress told each step's name as it starts ({@code soak} last) */
    public ScorecardReport run(long seed, Consumer<String> progress) {
        long t0 = System.nanoTime();
        List<ExperimentResult> results = new ArrayList<>();
        for (int i = 0; i < suite.size(); i++) {
            progress.accept(suite.get(i).name());
            results.add(runner.run(suite.get(i), seed + i));
        }
        progress.accept("soak");
        SoakResult soakResult = runner.soak(soak, seed);
        return summarise(seed, results, soakResult, Duration.ofNanos(System.nanoTime() - t0));
    }

    static ScorecardReport summarise(long seed, List<ExperimentResult> results, SoakResult soak, Duration wall) {
        List<ExperimentResult> started =
                results.stream().filter(r -> r.outcome() != Outcome.NOT_STARTED).toList();
        List<Duration> detect =
                started.stream().flatMap(r -> r.timeToDetect().stream()).toList();
        int undetected = (int) started.stream().filter(r -> !r.detected()).count();
        int undetectedBroken = (int) started.stream()
                .filter(r -> !r.detected() && r.outcome().broken())
                .count();
        List<ExperimentResult> broken =
                started.stream().filter(r -> r.outcome().broken()).toList();
        List<Duration> recover =
                broken.stream().flatMap(r -> r.timeToRecover().stream()).toList();
        int unrecovered = broken.size() - recover.size();
        int onlyAtEnd = (int) broken.stream()
                .filter(r -> r.outcome() == Outcome.RECOVERED_AFTER_FAULT_ENDED)
                .count();
        int healed =
                (int) broken.stream().filter(r -> r.outcome() == Outcome.HEALED).count();
        int fpExperiments = (int)
                results.stream().filter(r -> !r.falsePositives().isEmpty()).count();
        int fpUnits = (int) soak.hoursWithIncident() + fpExperiments;
        int units = soak.hours() + results.size();
        Map<String, Long> refused = new TreeMap<>();
        long harmful = 0;
        long harmfulLeft = 0;
        for (ExperimentResult r : results) {
            for (ActionRecord a : r.actions()) {
                if (a.refused()) {
                    refused.merge(a.reasonCode(), 1L, Long::sum);
                }
            }
            harmful += r.harmful();
            harmfulLeft += r.harmfulNotRolledBack();
        }
        Optional<Duration> mttd = mean(detect);
        Optional<Duration> mttr = mean(recover);

        List<Target> targets = new ArrayList<>();
        targets.add(new Target(
                "MTTD",
                "< 3 min",
                mttd.map(Durations::text).orElse("n/a") + " (" + detect.size() + " of " + started.size() + " detected)",
                mttd.isPresent() && mttd.get().compareTo(MTTD_TARGET) < 0 && undetectedBroken == 0,
                undetectedBroken == 0
                        ? "mean, fault injected → first incident on an impacted service"
                        : undetectedBroken + " experiment(s) broke the steady state without being detected"));
        targets.add(new Target(
                "MTTR",
                "< 20 min",
                (onlyAtEnd > 0 ? "≥ " : "") + mttr.map(Durations::text).orElse("n/a") + " ("
                        + (recover.size() - onlyAtEnd) + " of " + broken.size() + " recovered with the fault in"
                        + (onlyAtEnd > 0 ? ", " + onlyAtEnd + " only when it was taken out" : "")
                        + (unrecovered > 0 ? ", " + unrecovered + " never" : "") + ")",
                !broken.isEmpty()
                        && unrecovered == 0
                        && onlyAtEnd == 0
                        && mttr.isPresent()
                        && mttr.get().compareTo(MTTR_TARGET) < 0,
                "mean, fault injected → steady state holds again for good, over experiments that broke it;"
                        + " a recovery that came only when the fault was taken out is a lower bound"));
        double resolution = broken.isEmpty() ? 0 : (double) healed / broken.size();
        targets.add(new Target(
                "Automated resolution",
                ">= 90 %",
                percent(resolution) + " (" + healed + " of " + broken.size() + ")",
                !broken.isEmpty() && resolution >= RESOLUTION_TARGET,
                "healed by ARF before the fault's scheduled end, over experiments that broke the steady state"));
        double fp = units == 0 ? 0 : (double) fpUnits / units;
        targets.add(new Target(
                "False positives",
                "< 5 %",
                percent(fp) + " (" + soak.hoursWithIncident() + " of " + soak.hours() + " soak hours, " + fpExperiments
                        + " of " + results.size() + " experiments)",
                fp < FALSE_POSITIVE_TARGET,
                "soak hours with an incident + experiments with a false-positive incident, over hours + experiments"));
        targets.add(new Target(
                "Harmful actions left un-rolled-back",
                "0",
                harmfulLeft + " (" + harmful + " harmful, " + (harmful - harmfulLeft) + " rolled back)",
                harmfulLeft == 0,
                "harmful: the target's errors +2 points, or p99 ×1.5 and +100 ms, in minutes 2-4 after vs the"
                        + " minute before"));
        return new ScorecardReport(
                seed,
                results,
                soak,
                mttd,
                undetected,
                mttr,
                unrecovered,
                broken.size(),
                healed,
                fpUnits,
                units,
                refused,
                harmful,
                harmfulLeft,
                targets,
                wall);
    }

    private static Optional<Duration> mean(List<Duration> ds) {
        if (ds.isEmpty()) {
            return Optional.empty();
        }
        long total = ds.stream().mapToLong(Duration::toMillis).sum();
        return Optional.of(Duration.ofMillis(Math.round((double) total / ds.size())));
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}
