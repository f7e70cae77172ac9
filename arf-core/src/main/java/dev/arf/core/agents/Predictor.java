package dev.arf.core.agents;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.Forecast;
import dev.arf.core.detect.RuleState;
import dev.arf.core.detect.RuleStatus;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/** Time until a threshold is crossed: the soonest forecast crossing, with a risk level. */
public final class Predictor {

    public Prediction predict(Detection detection) {
        Optional<RuleStatus> firing = detection.rules().stream()
                .filter(r -> r.state() == RuleState.FIRING)
                .findFirst();
        if (firing.isPresent()) {
            RuleStatus rule = firing.get();
            return new Prediction(
                    Optional.of(rule.metric()),
                    Optional.of(Duration.ZERO),
                    "critical",
                    "Critical risk: " + rule.metric() + " threshold already crossed (rule " + rule.rule() + " firing)");
        }
        Optional<Forecast> soonest = detection.forecasts().stream()
                .filter(f -> f.timeToThreshold().isPresent())
                .min(Comparator.comparing(f -> f.timeToThreshold().get()));
        if (soonest.isEmpty()) {
            return new Prediction(
                    Optional.empty(), Optional.empty(), "low", "Low risk: no metric is heading for its threshold");
        }
        Forecast f = soonest.get();
        Duration eta = f.timeToThreshold().get();
        String risk = eta.compareTo(Duration.ofMinutes(15)) <= 0
                ? "critical"
                : eta.compareTo(Duration.ofMinutes(30)) <= 0
                        ? "high"
                        : eta.compareTo(Duration.ofMinutes(60)) <= 0 ? "medium" : "low";
        String when = eta.toMinutes() >= 1 ? eta.toMinutes() + " minutes" : eta.toSeconds() + " seconds";
        String label = Character.toUpperCase(risk.charAt(0)) + risk.substring(1);
        return new Prediction(
                Optional.of(f.metric()),
                Optional.of(eta),
                risk,
                label + " risk: " + f.metric() + " threshold in " + when);
    }
}
