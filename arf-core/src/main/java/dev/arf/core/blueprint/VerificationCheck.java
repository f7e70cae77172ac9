package dev.arf.core.blueprint;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A check run after an operation, once the stabilisation period has passed: the metric must compare
 * with the target as stated (e.g. {@code latency_p95 < 200ms}).
 *
 * @param critical a failure fails the whole verification
 * @param rollbackTrigger a failure rolls the operation back
 */
public record VerificationCheck(
        String metric, Comparison comparison, Quantity target, boolean critical, boolean rollbackTrigger) {
    private static final Pattern TARGET = Pattern.compile("(<=|>=|<|>) ?([^ ]+)");

    public VerificationCheck {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(target, "target");
        if (metric.isBlank()) {
            throw new IllegalArgumentException("metric must not be blank");
        }
    }

    /** A comparator and a quantity, e.g. {@code < 200ms} or {@code <= 1%}. */
    public record Target(Comparison comparison, Quantity value) {
        public static Target parse(String text) {
            Matcher m = text == null ? null : TARGET.matcher(text);
            if (m == null || !m.matches()) {
                throw new IllegalArgumentException(
                        "'" + text
                                + "' is not a check target; write a comparator (<, <=, >, >=) and a value, e.g. \"< 200ms\" or \"< 1%\"");
            }
            return new Target(Comparison.bySymbol(m.group(1)).orElseThrow(), Quantity.parse(m.group(2)));
        }
    }
}
