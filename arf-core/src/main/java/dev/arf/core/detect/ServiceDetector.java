package dev.arf.core.detect;

import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * All detector state of one service and the order in which a sample goes through it: baselines,
 * rules, forecast, forest, fusion, verdict. Not thread-safe.
 *
 * <p>An event older than the newest one seen (late or replayed out of order) cannot rewrite
 * history: it is judged against the baselines and the rules' current states, but changes no state
 * (no learning, no rule transition, no forecast, no forest update, no verdict change).
 *
 * <p>On the normal path (nothing abnormal) no list and no string is built: the detection shares
 * immutable empty lists.
 */
final class ServiceDetector {
    private final String service;
    private final DetectorSettings settings;
    private final double[] values = new double[Metrics.COUNT];
    private final Baselines baselines;
    private final RuleTracker rules;
    private final TrendForecaster forecaster;
    private final RcfScorer rcf;
    private final EvidenceFusion fusion = new EvidenceFusion();
    private final Hysteresis hysteresis;
    private long lastMillis = Long.MIN_VALUE;
    private Instant lastTimestamp;
    private Instant restoredAt;
    private double confidence;
    private boolean rcfStarted;

    // Scratch for the signals of one sample: kinds, indexes, strengths.
    private final SignalKind[] signalKind;
    private final int[] signalIndex;
    private final double[] signalStrength;

    ServiceDetector(String service, DetectorSettings settings, long seed, ForestCacheBudget budget) {
        this.service = service;
        this.settings = settings;
        this.baselines = new Baselines(settings.baseline());
        this.rules = new RuleTracker(settings.rules());
        this.forecaster = new TrendForecaster(settings.forecast());
        this.rcf = settings.rcf().enabled() ? new RcfScorer(settings.rcf(), seed, budget) : null;
        this.hysteresis = new Hysteresis(settings.fusion());
        int maxSignals = rules.size() + Metrics.COUNT + 1 + forecaster.size();
        signalKind = new SignalKind[maxSignals];
        signalIndex = new int[maxSignals];
        signalStrength = new double[maxSignals];
    }

    Detection observe(TelemetryEvent event) {
        Instant ts = event.timestamp();
        long millis = EventTime.millis(ts);
        Metrics.read(event, values);
        boolean inOrder = millis >= lastMillis;
        double rcfEvidence = 0;
        if (inOrder) {
            lastMillis = millis;
            lastTimestamp = ts;
            baselines.observe(values, ts, true);
            rules.observe(event, values, millis, ts);
            forecaster.observe(values, millis);
            if (rcf != null && (rcfStarted || !baselines.warmingUp())) {
                rcfStarted = true;
                rcfEvidence = rcf.observe(baselines, values, ts);
            }
        } else {
            baselines.observe(values, ts, false);
        }
        double score = fuse(inOrder, rcfEvidence);
        Instant firingSince = null;
        Severity firingSeverity = null;
        if (rules.active() > 0) {
            for (int i = 0; i < rules.size(); i++) {
                if (rules.state(i) == RuleState.FIRING) {
                    Instant since = rules.activeSince(i);
                    firingSince = firingSince == null || since.isBefore(firingSince) ? since : firingSince;
                    Severity s = rules.rule(i).severity();
                    firingSeverity = firingSeverity == null ? s : firingSeverity.max(s);
                }
            }
        }
        if (inOrder) {
            hysteresis.observe(score, ts, firingSince);
            confidence += settings.fusion().confidenceSmoothing() * (score - confidence);
        }
        boolean anomalous = hysteresis.anomalous();
        // Smoothing keeps one sample from swinging the confidence, but within an episode the
        // confidence is at least what this sample's evidence says: a declared anomaly at 30 % would
        // read as a contradiction.
        double reported = anomalous ? Math.max(confidence, score) : confidence;
        return new Detection(
                service,
                ts,
                score,
                reported,
                anomalous,
                hysteresis.since(),
                severity(score, anomalous, firingSeverity),
                signals(inOrder, rcfEvidence, ts),
                inOrder ? forecasts() : List.of(),
                ruleStatuses(),
                baselines.warmingUp());
    }

    private double fuse(boolean inOrder, double rcfEvidence) {
        fusion.clear();
        if (rules.active() > 0) {
            for (int i = 0; i < rules.size(); i++) {
                double e = rules.evidence(i);
                if (e > 0) {
                    int m = rules.metricIndex(i);
                    if (m >= 0) {
                        fusion.rule(m, e);
                    } else {
                        fusion.customRule(e);
                    }
                }
            }
        }
        for (int m = 0; m < Metrics.COUNT; m++) {
            fusion.baseline(m, EvidenceFusion.baselineEvidence(baselines.badZ(m)));
        }
        if (inOrder && forecaster.imminent() > 0) {
            for (int i = 0; i < forecaster.size(); i++) {
                fusion.forecast(forecaster.metricIndex(i), forecaster.evidence(i));
            }
        }
        return fusion.fuse(rcfEvidence);
    }

    private Severity severity(double score, boolean anomalous, Severity firing) {
        Severity s = firing == null ? Severity.LOW : firing;
        if (!anomalous) {
            return s;
        }
        s = s.max(score > settings.fusion().extremeScore() ? Severity.HIGH : Severity.MEDIUM);
        if (fusion.deviatingFamilies() >= 3 && s != Severity.CRITICAL) {
            s = Severity.values()[s.ordinal() + 1];
        }
        return s;
    }

    private List<Signal> signals(boolean inOrder, double rcfEvidence, Instant ts) {
        int n = 0;
        if (rules.active() > 0) {
            for (int i = 0; i < rules.size(); i++) {
                double e = rules.evidence(i);
                if (e > 0) {
                    n = candidate(n, SignalKind.THRESHOLD, i, e);
                }
            }
        }
        double signalZ = settings.baseline().signalZ();
        for (int m = 0; m < Metrics.COUNT; m++) {
            double z = baselines.badZ(m);
            if (z >= signalZ) {
                n = candidate(n, SignalKind.BASELINE, m, EvidenceFusion.baselineEvidence(z));
            }
        }
        if (rcfEvidence >= RcfScorer.SIGNAL_EVIDENCE) {
            n = candidate(n, SignalKind.RCF, 0, rcfEvidence);
        }
        if (inOrder && forecaster.imminent() > 0) {
            for (int i = 0; i < forecaster.size(); i++) {
                if (forecaster.isImminent(i)) {
                    n = candidate(n, SignalKind.FORECAST, i, forecaster.evidence(i));
                }
            }
        }
        if (n == 0) {
            return List.of();
        }
        sortByStrength(n);
        Signal[] out = new Signal[n];
        for (int k = 0; k < n; k++) {
            out[k] = signal(signalKind[k], signalIndex[k], ts);
        }
        return List.of(out);
    }

    private int candidate(int n, SignalKind kind, int index, double strength) {
        signalKind[n] = kind;
        signalIndex[n] = index;
        signalStrength[n] = strength;
        return n + 1;
    }

    /** Insertion sort, strongest first; stable, so ties keep detector order (deterministic). */
    private void sortByStrength(int n) {
        for (int i = 1; i < n; i++) {
            SignalKind kind = signalKind[i];
            int index = signalIndex[i];
            double strength = signalStrength[i];
            int j = i - 1;
            while (j >= 0 && signalStrength[j] < strength) {
                signalKind[j + 1] = signalKind[j];
                signalIndex[j + 1] = signalIndex[j];
                signalStrength[j + 1] = signalStrength[j];
                j--;
            }
            signalKind[j + 1] = kind;
            signalIndex[j + 1] = index;
            signalStrength[j + 1] = strength;
        }
    }

    private Signal signal(SignalKind kind, int i, Instant ts) {
        return switch (kind) {
            case THRESHOLD -> {
                ThresholdRule r = rules.rule(i);
                double v = rules.value(i);
                Instant since = rules.activeSince(i);
                yield new Signal(
                        kind,
                        r.metric(),
                        v,
                        r.threshold(),
                        r.threshold() == 0 ? v : v / r.threshold(),
                        since,
                        SignalText.rule(r, rules.state(i), v, since));
            }
            case BASELINE -> {
                Instant since = baselines.deviatingSince(i) != null ? baselines.deviatingSince(i) : ts;
                double z = baselines.z(i);
                yield new Signal(
                        kind,
                        Metrics.ALL[i].key(),
                        values[i],
                        baselines.center(i),
                        z,
                        since,
                        SignalText.baseline(Metrics.ALL[i], values[i], baselines.center(i), z, since));
            }
            case RCF -> {
                Instant since = rcf.since() != null ? rcf.since() : ts;
                yield new Signal(kind, "*", rcf.score(), 1.0, rcf.score(), since, SignalText.rcf(rcf.score(), since));
            }
            case FORECAST ->
                new Signal(
                        kind,
                        Metrics.ALL[forecaster.metricIndex(i)].key(),
                        forecaster.current(i),
                        forecaster.threshold(i),
                        forecaster.minutesToThreshold(i),
                        ts,
                        forecaster.explanation(i));
        };
    }

    private List<Forecast> forecasts() {
        if (forecaster.imminent() == 0) {
            return List.of();
        }
        List<Forecast> out = new ArrayList<>(forecaster.imminent());
        for (int i = 0; i < forecaster.size(); i++) {
            if (forecaster.isImminent(i)) {
                out.add(forecaster.forecast(i));
            }
        }
        return List.copyOf(out);
    }

    /** Statuses of the rules that are not INACTIVE; empty (shared) when all are. */
    private List<RuleStatus> ruleStatuses() {
        if (rules.active() == 0) {
            return List.of();
        }
        RuleStatus[] out = new RuleStatus[rules.active()];
        int k = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.state(i) != RuleState.INACTIVE) {
                out[k++] = rules.status(i);
            }
        }
        return List.of(out);
    }

    /** Taken at the newest event, or at the restored snapshot's time when no event came since. */
    DetectorSnapshot snapshot() {
        Instant takenAt = lastTimestamp != null ? lastTimestamp : restoredAt != null ? restoredAt : Instant.EPOCH;
        return new DetectorSnapshot(service, takenAt, baselines.stats());
    }

    void restore(DetectorSnapshot snapshot) {
        baselines.restore(snapshot.baselines());
        restoredAt = snapshot.takenAt();
    }
}
