package dev.arf.core.decide;

import dev.arf.core.execute.Action;
import dev.arf.core.policy.HealingAction;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the decision engine concluded for one service, and why in words.
 *
 * @param utilisation the weighted utilisation it decided on
 */
public record ScalingDecision(
        String service, Verdict verdict, int from, int to, double utilisation, String rationale, Instant at) {
    public enum Verdict {
        SCALE_UP,
        SCALE_DOWN,
        HOLD
    }

    public ScalingDecision {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(at, "at");
    }

    public ScalingDecision held(String why) {
        return new ScalingDecision(service, Verdict.HOLD, from, from, utilisation, why, at);
    }

    public ScalingDecision trimmedTo(int replicas, String why) {
        Verdict v = replicas > from ? Verdict.SCALE_UP : replicas < from ? Verdict.SCALE_DOWN : Verdict.HOLD;
        return new ScalingDecision(service, v, from, replicas, utilisation, why, at);
    }

    /** The action that carries it out, none for a hold. Replicas are absolute, so a retry is harmless. */
    public Optional<Action> action(double confidence) {
        if (verdict == Verdict.HOLD) {
            return Optional.empty();
        }
        HealingAction type = verdict == Verdict.SCALE_UP ? HealingAction.SCALE_OUT : HealingAction.SCALE_IN;
        return Optional.of(new Action(
                "decision|" + service + "|" + type.key() + "|" + to + "|" + at.toEpochMilli(),
                type,
                service,
                Map.of("replicas", Integer.toString(to)),
                "decision-engine",
                rationale,
                at,
                confidence));
    }
}
