package dev.arf.lab.nab;

import dev.arf.lab.nab.NabResult.FileScore;
import dev.arf.lab.nab.NabResult.ProfileScore;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a NAB score: one line per profile, and optionally each file's part. */
public final class NabReport {

    private NabReport() {}

    public static void print(NabResult result, boolean perFile, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%-20s %10s %10s %10s %5s %6s %5s%n",
                "profile",
                "threshold",
                "raw",
                "normalised",
                "TP",
                "FP",
                "FN");
        for (ProfileScore p : result.profiles()) {
            out.printf(
                    Locale.ROOT,
                    "%-20s %10.6f %10.4f %10.2f %5d %6d %5d%n",
                    p.profile(),
                    p.threshold(),
                    p.rawScore(),
                    p.normalisedScore(),
                    p.truePositives(),
                    p.falsePositives(),
                    p.falseNegatives());
        }
        if (perFile) {
            for (ProfileScore p : result.profiles()) {
                out.printf(Locale.ROOT, "%n%s (threshold %.6f)%n", p.profile(), p.threshold());
                for (FileScore f : p.files()) {
                    out.printf(
                            Locale.ROOT,
                            "  %-60s %10.4f %5d %6d %5d%n",
                            f.file(),
                            f.rawScore(),
                            f.truePositives(),
                            f.falsePositives(),
                            f.falseNegatives());
                }
            }
        }
    }
}
