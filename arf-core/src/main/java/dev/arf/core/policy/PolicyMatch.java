package dev.arf.core.policy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;

/**
 * A policy whose conditions all held, and what the engine made of it: {@link Outcome#FIRED} (its
 * actions are proposed) or {@link Outcome#SUPPRESSED} (cooldown or hourly limit), with a reason code
 * and an explanation a person can read.
 *
 * @param reasonCode {@link #FIRED}, {@link #COOLDOWN_ACTIVE} or {@link #RATE_LIMITED}
 * @param explanation e.g. {@code "cooldown 300s, 120s left"} or {@code "error_rate 0.35 > 0.2 and
 *     latency_p99 650 > 500"}
 * @param conditions every condition of the policy with the value it was tested against
 */
public record PolicyMatch(
        HealingPolicy policy,
        Outcome outcome,
        String reasonCode,
        String explanation,
        List<MatchedCondition> conditions) {

    public static final String FIRED = "POLICY_FIRED";
    public static final String COOLDOWN_ACTIVE = "COOLDOWN_ACTIVE";
    public static final String RATE_LIMITED = "RATE_LIMITED";

    public enum Outcome {
        FIRED,
        SUPPRESSED
    }

    public PolicyMatch {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(explanation, "explanation");
        conditions = List.copyOf(conditions);
    }

    public boolean fired() {
        return outcome == Outcome.FIRED;
    }

    /** The actions proposed: the policy's actions when fired, none when suppressed. */
    public List<HealingAction> proposedActions() {
        return fired() ? policy.actions() : List.of();
    }

    /** One condition and the actual value that satisfied it; renders as {@code error_rate 0.35 > 0.2}. */
    public record MatchedCondition(PolicyCondition condition, double actual) {
        public MatchedCondition {
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public String toString() {
            return condition.metric()
                    + " "
                    + format(actual)
                    + " "
                    + condition.operator().symbol()
                    + " "
                    + format(condition.threshold());
        }
    }

    /** Shortest readable form: {@code 500}, {@code 0.35}, six significant digits at most. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
