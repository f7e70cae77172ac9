package dev.arf.core.blueprint;

import java.util.Arrays;
import java.util.Optional;

/** How a verification check compares the observed value with its target. */
public enum Comparison {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public static Optional<Comparison> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
    }
}
