package dev.arf.lab.chaos;

import java.time.Duration;

/** Durations as people read them in timelines and reports: {@code 45s}, {@code 2m30s}, {@code 1h05m}. */
public final class Durations {
    private Durations() {}

    public static String text(Duration d) {
        long s = d.toSeconds();
        String sign = s < 0 ? "-" : "";
        s = Math.abs(s);
        if (s < 60) {
            return sign + s + "s";
        }
        if (s < 3600) {
            return sign + (s / 60) + "m" + (s % 60 == 0 ? "" : String.format("%02ds", s % 60));
        }
        return sign + (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
    }

    /** {@code +12:30} (minutes:seconds) from the start of a run. */
    public static String offset(Duration d) {
        long s = d.toSeconds();
        return String.format("+%02d:%02d", s / 60, s % 60);
    }
}
