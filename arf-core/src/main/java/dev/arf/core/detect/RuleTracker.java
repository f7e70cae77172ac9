package dev.arf.core.detect;

import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.List;

/**
 * The state machines of one service's threshold rules, with Prometheus alerting semantics on event
 * time: INACTIVE → PENDING when the condition starts to hold, → FIRING once it has held for the
 * rule's {@code for} duration (at once when that is zero), → RESOLVED on the first sample where it
 * no longer holds, then INACTIVE (or PENDING again). A PENDING rule whose condition stops holding
 * goes back to INACTIVE. A sample that does not report the rule's metric leaves the rule unchanged.
 */
final class RuleTracker {
    /** Evidence of a pending rule: on its own not enough to make a sample abnormal. */
    static final double PENDING_EVIDENCE = 0.45;

    private final ThresholdRule[] rules;
    private final int[] metricIndex;
    private final long[] forMillis;
    private final RuleState[] state;
    private final Instant[] activeSince;
    private final long[] activeSinceMillis;
    private final double[] value;
    private int active;

    RuleTracker(List<ThresholdRule> ruleList) {
        int n = ruleList.size();
        rules = ruleList.toArray(new ThresholdRule[0]);
        metricIndex = new int[n];
        forMillis = new long[n];
        state = new RuleState[n];
        activeSince = new Instant[n];
        activeSinceMillis = new long[n];
        value = new double[n];
        for (int i = 0; i < n; i++) {
            metricIndex[i] =
                    Metric.byKey(rules[i].metric()).map(Metric::ordinal).orElse(-1);
            forMillis[i] = saturatedMillis(rules[i]);
            state[i] = RuleState.INACTIVE;
            value[i] = Double.NaN;
        }
    }

    private static long saturatedMillis(ThresholdRule rule) {
        try {
            return rule.forDuration().toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    void observe(TelemetryEvent event, double[] values, long millis, Instant timestamp) {
        active = 0;
        for (int i = 0; i < rules.length; i++) {
            int m = metricIndex[i];
            double v = m >= 0 ? values[m] : custom(event, rules[i].metric());
            if (!Double.isNaN(v)) {
                value[i] = v;
                step(i, rules[i].holdsFor(v), millis, timestamp);
            }
            if (state[i] != RuleState.INACTIVE) {
                active++;
            }
        }
    }

    private static double custom(TelemetryEvent event, String key) {
        Double v = event.custom().get(key);
        return v == null ? Double.NaN : v;
    }

    private void step(int i, boolean holds, long millis, Instant timestamp) {
        switch (state[i]) {
            case INACTIVE, RESOLVED -> {
                if (holds) {
                    activeSince[i] = timestamp;
                    activeSinceMillis[i] = millis;
                    state[i] = forMillis[i] == 0 ? RuleState.FIRING : RuleState.PENDING;
                } else {
                    state[i] = RuleState.INACTIVE;
                    activeSince[i] = null;
                }
            }
            case PENDING -> {
                if (!holds) {
                    state[i] = RuleState.INACTIVE;
                    activeSince[i] = null;
                } else if (millis - activeSinceMillis[i] >= forMillis[i]) {
                    state[i] = RuleState.FIRING;
                }
            }
            case FIRING -> {
                if (!holds) {
                    state[i] = RuleState.RESOLVED;
                }
            }
        }
    }

    int size() {
        return rules.length;
    }

    /** How many rules are not INACTIVE after the last sample. */
    int active() {
        return active;
    }

    ThresholdRule rule(int i) {
        return rules[i];
    }

    RuleState state(int i) {
        return state[i];
    }

    /** Standard metric ordinal of the rule, or -1 for a custom metric. */
    int metricIndex(int i) {
        return metricIndex[i];
    }

    double value(int i) {
        return value[i];
    }

    Instant activeSince(int i) {
        return activeSince[i];
    }

    double evidence(int i) {
        return switch (state[i]) {
            case FIRING -> 1.0;
            case PENDING -> PENDING_EVIDENCE;
            case INACTIVE, RESOLVED -> 0.0;
        };
    }

    RuleStatus status(int i) {
        ThresholdRule r = rules[i];
        return new RuleStatus(r.name(), r.metric(), state[i], activeSince[i], value[i], r.threshold(), r.severity());
    }
}
