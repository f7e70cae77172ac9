package dev.arf.core.verify;

import dev.arf.core.blueprint.Quantity;
import dev.arf.core.blueprint.Verification;
import dev.arf.core.blueprint.VerificationCheck;
import dev.arf.core.execute.Action;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a blueprint's verification checks on an observation of the action's target. A check names a
 * standard metric ({@code latency_p95}, {@code error_rate}, …) or one of the event's custom metrics;
 * times compare in milliseconds, percentages as fractions.
 */
public final class Verifier {
    private Verifier() {}

    public static VerificationReport verify(Action action, Verification spec, TelemetryEvent observed, Instant at) {
        List<CheckResult> results = new ArrayList<>();
        for (VerificationCheck check : spec.checks()) {
            results.add(check(check, observed));
        }
        return new VerificationReport(action, at, results);
    }

    static CheckResult check(VerificationCheck check, TelemetryEvent observed) {
        double value = Metric.byKey(check.metric())
                .map(observed::value)
                .orElseGet(() -> observed.custom().getOrDefault(check.metric(), Double.NaN));
        double target;
        String shownValue;
        String shownTarget;
        switch (check.target()) {
            case Quantity.Time t -> {
                target = t.duration().toNanos() / 1e6;
                shownValue = fmt(value) + "ms";
                shownTarget = fmt(target) + "ms";
            }
            case Quantity.Percentage p -> {
                target = p.fraction();
                shownValue = fmt(value * 100) + "%";
                shownTarget = fmt(target * 100) + "%";
            }
        }
        String wanted = "(" + check.comparison().symbol() + " " + shownTarget + ")";
        if (Double.isNaN(value)) {
            return new CheckResult(check, value, false, check.metric() + " not reported " + wanted + " FAILED");
        }
        boolean passed = switch (check.comparison()) {
            case LT -> value < target;
            case LE -> value <= target;
            case GT -> value > target;
            case GE -> value >= target;
        };
        return new CheckResult(
                check, value, passed, check.metric() + " " + shownValue + " " + wanted + (passed ? " ok" : " FAILED"));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
