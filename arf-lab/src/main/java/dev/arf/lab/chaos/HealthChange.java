package dev.arf.lab.chaos;

import java.util.Locale;

/**
 * A service's health around an action: mean error rate and p99 over the minute before it ({@link
 * #BEFORE}) and over minutes 2 to 4 after it ({@link #AFTER_FROM} to {@link #AFTER_TO}, once any
 * action's effect has landed: restarts take 20 s, new replicas 30-60 s, rollbacks 45 s).
 *
 * <p>The action made things <b>worse</b> when, after it, the error rate is more than 2 percentage
 * points higher, or p99 is more than 1.5 times and more than 100 ms higher, than before it.
 */
public record HealthChange(double errorsBefore, double errorsAfter, double p99Before, double p99After) {
    public static final java.time.Duration BEFORE = java.time.Duration.ofMinutes(1);
    public static final java.time.Duration AFTER_FROM = java.time.Duration.ofMinutes(2);
    public static final java.time.Duration AFTER_TO = java.time.Duration.ofMinutes(4);

    public boolean worse() {
        return errorsAfter > errorsBefore + 0.02 || (p99After > 1.5 * p99Before && p99After > p99Before + 100);
    }

    public String describe() {
        return String.format(
                Locale.ROOT,
                "errors %.1f%% → %.1f%%, p99 %.0fms → %.0fms",
                errorsBefore * 100,
                errorsAfter * 100,
                p99Before,
                p99After);
    }
}
