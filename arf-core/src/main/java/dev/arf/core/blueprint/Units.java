package dev.arf.core.blueprint;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parsers for the quantities blueprints are written in. Each method returns the value in base
 * units or throws {@link IllegalArgumentException} whose message quotes the input and shows the form
 * expected, so that it can be shown to the person who wrote the file as is.
 *
 * <p>Strict means: no spaces, no signs, no exponents, units case-sensitive, and no bare numbers where
 * a unit is needed ({@code 70} could mean 70% or 0.70; {@code 512} could mean bytes or MiB).
 */
public final class Units {
    private static final Pattern PERCENT = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.[0-9]{1,6})?%");
    private static final Pattern DURATION = Pattern.compile("(0|[1-9][0-9]{0,8})(ms|s|m|h)");
    private static final Pattern MILLICORES = Pattern.compile("(0|[1-9][0-9]{0,6})m");
    private static final Pattern CORES = Pattern.compile("(0|[1-9][0-9]{0,3})(\\.[0-9]{1,3})?");
    private static final Pattern MEMORY = Pattern.compile("(0|[1-9][0-9]{0,14})(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)");

    private Units() {}

    /**
     * {@code 70%} → 0.70; from {@code 0%} to {@code 100%}, at most six decimals ({@code 99.9%}).
     *
     * @return a fraction in [0, 1]
     */
    public static double percentage(String text) {
        if (text == null || !PERCENT.matcher(text).matches()) {
            throw refused(text, "a percentage", "70% or 99.9% (0% to 100%)");
        }
        BigDecimal percent = new BigDecimal(text.substring(0, text.length() - 1));
        if (percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than 100%; a percentage is from 0% to 100%");
        }
        return percent.movePointLeft(2).doubleValue();
    }

    /**
     * A whole number followed by {@code ms}, {@code s}, {@code m} (minutes) or {@code h}: {@code 200ms},
     * {@code 60s}, {@code 5m}, {@code 1h}. Zero is allowed here; callers that need a positive duration
     * say so.
     */
    public static Duration duration(String text) {
        Matcher m = text == null ? null : DURATION.matcher(text);
        if (m == null || !m.matches()) {
            throw refused(text, "a duration", "200ms, 60s, 5m or 1h (a whole number and ms, s, m or h)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** A latency threshold: a {@link #duration(String)} that is more than zero. */
    public static Duration latency(String text) {
        Duration d;
        try {
            d = duration(text);
        } catch (IllegalArgumentException e) {
            throw refused(text, "a latency", "200ms or 2s (a whole number and ms, s, m or h)");
        }
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a usable latency; it must be more than zero");
        }
        return d;
    }

    /**
     * Kubernetes CPU: millicores {@code 500m} → 0.5, or cores {@code 2} / {@code 0.5} (at most three
     * decimals, i.e. whole millicores).
     *
     * @return cores
     */
    public static double cpu(String text) {
        if (text != null && MILLICORES.matcher(text).matches()) {
            return Long.parseLong(text.substring(0, text.length() - 1)) / 1000.0;
        }
        if (text != null && CORES.matcher(text).matches()) {
            return new BigDecimal(text).doubleValue();
        }
        throw refused(text, "a CPU quantity", "500m (millicores) or 2 (cores)");
    }

    /**
     * Kubernetes memory with a unit: binary {@code Ki Mi Gi Ti Pi} (powers of 1024) or decimal
     * {@code k M G T P} (powers of 1000): {@code 512Mi}, {@code 2Gi}, {@code 1G}. Bare numbers are
     * refused: write the unit.
     *
     * @return bytes
     */
    public static long memory(String text) {
        Matcher m = text == null ? null : MEMORY.matcher(text);
        if (m == null || !m.matches()) {
            throw refused(
                    text,
                    "a memory quantity",
                    "512Mi, 2Gi or 1G (a whole number and Ki, Mi, Gi, Ti, Pi, k, M, G, T or P)");
        }
        long amount = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "Pi" -> 1L << 50;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1_000_000_000_000_000L;
        };
        try {
            return Math.multiplyExact(amount, unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a memory quantity");
        }
    }

    private static IllegalArgumentException refused(String text, String kind, String example) {
        String shown = text == null ? "nothing" : "'" + abbreviate(text) + "'";
        return new IllegalArgumentException(shown + " is not " + kind + "; write e.g. " + example);
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "…";
    }
}
