package dev.arf.core.detect;

import java.time.Instant;

/**
 * The anomalous verdict of one service over time. It turns on after {@link
 * FusionSettings#enterSamples()} consecutive samples at or above the enter threshold, or at once when
 * a rule fires or a score is extreme; it turns off only after {@link FusionSettings#exitSamples()}
 * consecutive samples below the (lower) exit threshold with no rule firing. An episode starts at its
 * first abnormal sample, not at the moment of the verdict.
 */
final class Hysteresis {
    private final FusionSettings settings;
    private int above;
    private int below;
    private Instant runStart;
    private boolean anomalous;
    private Instant since;

    Hysteresis(FusionSettings settings) {
        this.settings = settings;
    }

    /**
     * @param firingSince when the earliest firing rule became active, null when none fires
     */
    void observe(double score, Instant timestamp, Instant firingSince) {
        if (score >= settings.enterThreshold()) {
            if (above++ == 0) {
                runStart = timestamp;
            }
        } else {
            above = 0;
            runStart = null;
        }
        below = score < settings.exitThreshold() ? below + 1 : 0;
        boolean firing = firingSince != null;
        if (!anomalous) {
            if (firing || score > settings.extremeScore() || above >= settings.enterSamples()) {
                anomalous = true;
                since = earliest(runStart != null ? runStart : timestamp, firingSince);
            }
        } else if (!firing && below >= settings.exitSamples()) {
            anomalous = false;
            since = null;
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    boolean anomalous() {
        return anomalous;
    }

    Instant since() {
        return since;
    }
}
