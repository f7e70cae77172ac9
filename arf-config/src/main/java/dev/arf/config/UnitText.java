package dev.arf.config;

import dev.arf.core.blueprint.Units;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Writes quantities the way configuration files say them: the inverse of {@link Units}. Each method
 * returns a text that {@link Units} parses back to exactly the value given, in the largest unit that
 * says it with a whole number, or throws {@link IllegalArgumentException} when the files' units cannot
 * say it exactly (e.g. 1.5 ms, or a fraction with more digits than a percentage may have).
 */
public final class UnitText {
    private static final long MAX_DURATION_AMOUNT = 999_999_999L;
    private static final long MAX_MEMORY_AMOUNT = 999_999_999_999_999L;
    private static final long MAX_MILLICORES = 9_999_999L;

    private static final String[] DURATION_UNITS = {"h", "m", "s", "ms"};
    private static final long[] DURATION_MILLIS = {3_600_000L, 60_000L, 1_000L, 1L};

    private static final String[] MEMORY_UNITS = {"Pi", "Ti", "Gi", "Mi", "Ki", "P", "T", "G", "M", "k"};
    private static final long[] MEMORY_BYTES = {
        1L << 50,
        1L << 40,
        1L << 30,
        1L << 20,
        1L << 10,
        1_000_000_000_000_000L,
        1_000_000_000_000L,
        1_000_000_000L,
        1_000_000L,
        1_000L
    };

    private UnitText() {}

    /**
     * {@code Duration.ofHours(24)} → {@code 24h}, 10 minutes → {@code 10m}, 90 s → {@code 90s}, zero →
     * {@code 0s}; under ten minutes, whole minutes stay in seconds as the seeds write them ({@code 60s},
     * {@code 300s}).
     */
    public static String duration(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("a duration in a file is zero or more, got " + d);
        }
        if (d.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(d + " is not a whole number of milliseconds");
        }
        long millis;
        try {
            millis = d.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(d + " is too long to write", e);
        }
        if (millis == 0) {
            return "0s";
        }
        for (int i = 0; i < DURATION_UNITS.length; i++) {
            boolean shortMinutes = DURATION_UNITS[i].equals("m") && millis < 600_000L;
            if (millis % DURATION_MILLIS[i] == 0 && !shortMinutes) {
                long amount = millis / DURATION_MILLIS[i];
                if (amount > MAX_DURATION_AMOUNT) {
                    break;
                }
                return amount + DURATION_UNITS[i];
            }
        }
        throw new IllegalArgumentException(d + " is too long to write with at most 9 digits");
    }

    /** 0.7 → {@code 70%}, 0.999 → {@code 99.9%}; a fraction in [0, 1] with at most 8 decimals. */
    public static String percentage(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a percentage is a fraction in [0, 1], got " + fraction);
        }
        BigDecimal percent = strip(BigDecimal.valueOf(fraction).movePointRight(2));
        if (percent.scale() > 6) {
            throw new IllegalArgumentException(
                    fraction + " cannot be written as a percentage with at most six decimals");
        }
        return exactly(percent.toPlainString() + "%", fraction, Units::percentage);
    }

    /** 0.5 → {@code 500m}, 2.0 → {@code 2} (cores); whole millicores only. */
    public static String cpu(double cores) {
        if (!(cores >= 0) || Double.isInfinite(cores)) {
            throw new IllegalArgumentException("a CPU quantity is zero or more cores, got " + cores);
        }
        BigDecimal millicores = strip(BigDecimal.valueOf(cores).movePointRight(3));
        if (millicores.scale() > 0 || millicores.compareTo(BigDecimal.valueOf(MAX_MILLICORES)) > 0) {
            throw new IllegalArgumentException(cores + " cores is not a whole number of millicores up to 9999999m");
        }
        long m = millicores.longValueExact();
        String text = m % 1000 == 0 ? Long.toString(m / 1000) : m + "m";
        return exactly(text, cores, Units::cpu);
    }

    /** 536870912 → {@code 512Mi}, 10^9 → {@code 1G}: the unit giving the smallest whole amount. */
    public static String memory(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a memory quantity is zero or more bytes, got " + bytes);
        }
        if (bytes == 0) {
            return "0Mi";
        }
        String best = null;
        long bestAmount = Long.MAX_VALUE;
        for (int i = 0; i < MEMORY_UNITS.length; i++) {
            if (bytes % MEMORY_BYTES[i] == 0 && bytes / MEMORY_BYTES[i] < bestAmount) {
                bestAmount = bytes / MEMORY_BYTES[i];
                best = bestAmount + MEMORY_UNITS[i];
            }
        }
        if (best == null || bestAmount > MAX_MEMORY_AMOUNT) {
            throw new IllegalArgumentException(bytes + " bytes cannot be written with a memory unit (Ki, Mi, ..., k,"
                    + " M, ...) and at most 15 digits");
        }
        return best;
    }

    private static BigDecimal strip(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** {@code text}, after checking that it reads back as {@code value} (bit for bit). */
    private static String exactly(String text, double value, java.util.function.ToDoubleFunction<String> parse) {
        double back;
        try {
            back = parse.applyAsDouble(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(value + " cannot be written: " + e.getMessage(), e);
        }
        if (Double.compare(back, value) != 0) {
            throw new IllegalArgumentException(value + " would read back as " + back);
        }
        return text;
    }
}
