package dev.arf.lab.nab;

import dev.arf.lab.nab.NabResult.FileScore;
import dev.arf.lab.nab.NabResult.ProfileScore;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the NAB score of a results directory, one line per profile.
 *
 * <pre>
 * NabScoreMain --results DIR --labels combined_windows.json --profiles profiles.json
 *              [--threshold PROFILE=T]... [--per-file]
 * </pre>
 *
 * Exit status 0 when scored, 2 on a usage error or results that do not match the labels.
 */
public final class NabScoreMain {

    private NabScoreMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path results = null;
        Path labels = null;
        Path profiles = null;
        Map<String, Double> thresholds = new HashMap<>();
        boolean perFile = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--results" -> results = Path.of(value(args, ++i));
                    case "--labels" -> labels = Path.of(value(args, ++i));
                    case "--profiles" -> profiles = Path.of(value(args, ++i));
                    case "--threshold" -> {
                        String spec = value(args, ++i);
                        int eq = spec.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--threshold wants PROFILE=T, got " + spec);
                        }
                        thresholds.put(spec.substring(0, eq), Double.parseDouble(spec.substring(eq + 1)));
                    }
                    case "--per-file" -> perFile = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (results == null || labels == null || profiles == null) {
                throw new IllegalArgumentException("--results, --labels and --profiles are required");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: NabScoreMain --results DIR --labels combined_windows.json --profiles profiles.json"
                    + " [--threshold PROFILE=T]... [--per-file]");
            return 2;
        }
        NabResult result;
        try {
            result = NabScorer.score(results, labels, profiles, thresholds);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println(e.getMessage());
            return 2;
        }
        print(result, perFile, out);
        return 0;
    }

    static void print(NabResult result, boolean perFile, PrintStream out) {
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

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
