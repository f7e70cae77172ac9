package dev.arf.core.telemetry;

import java.util.Optional;

/** How a metric value is compared with a threshold, by its YAML name (gt, ge, lt, le, eq). */
public enum Operator {
    GT("gt", ">"),
    GE("ge", ">="),
    LT("lt", "<"),
    LE("le", "<="),
    EQ("eq", "==");

    private final String key;
    private final String symbol;

    Operator(String key, String symbol) {
        this.key = key;
        this.symbol = symbol;
    }

    public String key() {
        return key;
    }

    public String symbol() {
        return symbol;
    }

    /** False for NaN: a metric that was not reported never satisfies a condition. */
    public boolean test(double value, double threshold) {
        if (Double.isNaN(value)) {
            return false;
        }
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
        };
    }

    public static Optional<Operator> byKey(String key) {
        for (Operator o : values()) {
            if (o.key.equals(key)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
