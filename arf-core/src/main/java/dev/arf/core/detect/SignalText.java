package dev.arf.core.detect;

import dev.arf.core.telemetry.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The sentences in signals and forecasts. Only called when a signal is actually reported. */
final class SignalText {
    private SignalText() {}

    static String value(String metricKey, double v) {
        return Metric.byKey(metricKey).map(m -> m.format(v)).orElseGet(() -> String.format(Locale.ROOT, "%.4g", v));
    }

    /** {@code 5m}, {@code 90s}, {@code 1h30m}. */
    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (sec > 0) {
            b.append(sec).append('s');
        }
        return b.toString();
    }

    /** Time of day in UTC, {@code 12:03:00}; works for any instant, unlike a date formatter. */
    static String clock(Instant t) {
        long s = Math.floorMod(t.getEpochSecond(), 86_400L);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    static String baseline(Metric m, double value, double center, double z, Instant since) {
        return String.format(
                Locale.ROOT,
                "%s %s is %.1fσ %s its baseline %s since %s",
                m.key(),
                m.format(value),
                Math.abs(z),
                z >= 0 ? "above" : "below",
                m.format(center),
                clock(since));
    }

    static String rule(ThresholdRule rule, RuleState state, double value, Instant since) {
        String condition = rule.metric() + " " + value(rule.metric(), value) + " "
                + rule.operator().symbol() + " " + value(rule.metric(), rule.threshold());
        return switch (state) {
            case FIRING -> "rule " + rule.name() + " firing: " + condition + " since " + clock(since);
            case PENDING ->
                "rule " + rule.name() + " pending: " + condition + " since " + clock(since) + ", fires after "
                        + duration(rule.forDuration());
            case RESOLVED, INACTIVE ->
                "rule " + rule.name() + " " + state.name().toLowerCase(Locale.ROOT);
        };
    }

    static String rcf(double score, Instant since) {
        return String.format(
                Locale.ROOT,
                "metric vector unusual: random cut forest score %.2f (normal is about 1) since %s",
                score,
                clock(since));
    }

    static String forecast(Metric m, double threshold, double minutes, double slopePerMinute) {
        long whole = Math.round(minutes);
        String when = whole < 1 ? "in under a minute" : "in " + whole + (whole == 1 ? " minute" : " minutes");
        return m.key() + " reaches " + m.format(threshold) + " " + when + " at " + (slopePerMinute >= 0 ? "+" : "-")
                + m.format(Math.abs(slopePerMinute)) + "/min";
    }
}
