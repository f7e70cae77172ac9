package dev.arf.lab.nab;

import dev.arf.lab.nab.LabelledFile.Window;
import dev.arf.lab.nab.NabResult.FileScore;
import dev.arf.lab.nab.NabResult.ProfileScore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores anomaly detector results by the rules of the Numenta Anomaly Benchmark v1.1 ({@code numenta/NAB},
 * {@code nab/sweeper.py} and {@code nab/optimizer.py}), re-implemented from its published scoring code.
 *
 * <p>Per profile, one threshold T for the whole corpus: by default the T that maximises the summed raw score, swept
 * like NAB over every distinct score value (plus 1.1, "detect nothing"; on equal scores the higher threshold wins, as
 * NAB's stable sort keeps it first). A detection is a row with {@code anomaly_score >= T} after the file's
 * probationary period. Per window only the earliest detection counts, weighted by the scaled sigmoid of its position;
 * a window without one costs {@code -fnWeight}; each detection outside every window costs {@code fpWeight} times the
 * scaled sigmoid of its distance after the preceding window (-1 if none precedes). Stateless and thread-safe.
 */
public final class NabScorer {

    /** NAB's start of the sweep: a threshold above every score, so nothing is detected. */
    public static final double NO_DETECTION = 1.1;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** NAB v1.1's three application profiles ({@code config/profiles.json}), used when no profiles file is given. */
    static final Map<String, CostMatrix> NAB_PROFILES = nabProfiles();

    private NabScorer() {}

    /**
     * Scores {@code resultsDir} with each profile's threshold optimised on these results.
     *
     * @param resultsDir holds {@code <category>/<name>.csv} with columns {@code timestamp} and {@code anomaly_score}
     *     (others ignored), one row per data row in order, for every file named in {@code windowsJson}
     * @param windowsJson NAB's {@code combined_windows.json}
     * @param profilesJson NAB's {@code profiles.json}; null for NAB v1.1's three profiles
     * @throws IllegalArgumentException if the results do not match the labels (missing or extra files, a window not
     *     found in its file, a malformed row)
     * @throws UncheckedIOException if a file cannot be read
     */
    public static NabResult score(Path resultsDir, Path windowsJson, Path profilesJson) {
        return score(resultsDir, windowsJson, profilesJson, Map.of());
    }

    /**
     * Scores {@code resultsDir} at fixed thresholds: a profile named in {@code thresholds} is scored at that
     * threshold, any other at its optimised one.
     */
    public static NabResult score(
            Path resultsDir, Path windowsJson, Path profilesJson, Map<String, Double> thresholds) {
        Map<String, CostMatrix> profiles = profilesJson == null ? NAB_PROFILES : readProfiles(profilesJson);
        List<LabelledFile> files = readCorpus(resultsDir, readWindows(windowsJson));
        List<ProfileScore> scores = new ArrayList<>();
        for (Map.Entry<String, CostMatrix> profile : profiles.entrySet()) {
            Double fixed = thresholds.get(profile.getKey());
            double threshold = fixed != null ? fixed : optimiseThreshold(files, profile.getValue());
            scores.add(scoreAt(profile.getKey(), profile.getValue(), files, threshold));
        }
        return new NabResult(scores);
    }

    /** NAB's {@code calcScoreByThreshold} over the whole corpus: the threshold with the highest summed score. */
    static double optimiseThreshold(List<LabelledFile> files, CostMatrix costs) {
        int scorable = 0;
        int windows = 0;
        for (LabelledFile file : files) {
            scorable += file.rows() - file.probation();
            windows += file.windowCount();
        }
        double[] score = new double[scorable];
        double[] weight = new double[scorable];
        int[] window = new int[scorable];
        double[] windowPart = new double[windows];
        double total = 0;
        int p = 0;
        int windowBase = 0;
        for (LabelledFile file : files) {
            for (int w = 0; w < file.windowCount(); w++) {
                if (file.scorable(w)) {
                    windowPart[windowBase + w] = -costs.fnWeight();
                    total -= costs.fnWeight();
                }
            }
            for (int row = file.probation(); row < file.rows(); row++, p++) {
                score[p] = file.score(row);
                weight[p] = file.weight(row, costs);
                int w = file.windowOf(row);
                window[p] = w == LabelledFile.OUTSIDE ? -1 : windowBase + w;
            }
            windowBase += file.windowCount();
        }
        Integer[] order = new Integer[scorable];
        for (int i = 0; i < scorable; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));

        double bestThreshold = NO_DETECTION;
        double bestScore = total;
        int i = 0;
        while (i < scorable) {
            double threshold = score[order[i]];
            for (; i < scorable && score[order[i]] == threshold; i++) {
                int point = order[i];
                if (window[point] < 0) {
                    total += weight[point];
                } else if (weight[point] > windowPart[window[point]]) {
                    total += weight[point] - windowPart[window[point]];
                    windowPart[window[point]] = weight[point];
                }
            }
            if (total > bestScore) {
                bestScore = total;
                bestThreshold = threshold;
            }
        }
        return bestThreshold;
    }

    static ProfileScore scoreAt(String profile, CostMatrix costs, List<LabelledFile> files, double threshold) {
        List<FileScore> fileScores = new ArrayList<>();
        double raw = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int windows = 0;
        for (LabelledFile file : files) {
            FileScore s = scoreFile(file, costs, threshold);
            fileScores.add(s);
            raw += s.rawScore();
            tp += s.truePositives();
            fp += s.falsePositives();
            fn += s.falseNegatives();
            windows += file.windowCount();
        }
        double nullScore = -costs.fnWeight() * windows;
        double perfect = costs.tpWeight() * windows;
        double normalised = 100 * (raw - nullScore) / (perfect - nullScore);
        return new ProfileScore(profile, threshold, raw, normalised, nullScore, perfect, tp, fp, fn, fileScores);
    }

    static FileScore scoreFile(LabelledFile file, CostMatrix costs, double threshold) {
        boolean[] detected = new boolean[file.windowCount()];
        double tpScore = 0;
        double fpScore = 0;
        int tp = 0;
        int fp = 0;
        for (int row = file.probation(); row < file.rows(); row++) {
            if (!(file.score(row) >= threshold)) {
                continue;
            }
            int w = file.windowOf(row);
            if (w == LabelledFile.OUTSIDE) {
                fpScore += file.weight(row, costs);
                fp++;
            } else if (!detected[w]) {
                detected[w] = true;
                tpScore += file.weight(row, costs);
                tp++;
            }
        }
        int fn = 0;
        for (int w = 0; w < file.windowCount(); w++) {
            if (!detected[w] && file.scorable(w)) {
                fn++;
            }
        }
        return new FileScore(file.name(), tpScore + fpScore - fn * costs.fnWeight(), tp, fp, fn);
    }

    private static Map<String, CostMatrix> nabProfiles() {
        Map<String, CostMatrix> profiles = new LinkedHashMap<>();
        profiles.put("standard", new CostMatrix(1.0, 0.11, 1.0));
        profiles.put("reward_low_FP_rate", new CostMatrix(1.0, 0.22, 1.0));
        profiles.put("reward_low_FN_rate", new CostMatrix(1.0, 0.11, 2.0));
        return Collections.unmodifiableMap(profiles);
    }

    static Map<String, CostMatrix> readProfiles(Path profilesJson) {
        JsonNode root = readJson(profilesJson);
        Map<String, CostMatrix> profiles = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> profile : root.properties()) {
            JsonNode costs = profile.getValue().get("CostMatrix");
            if (costs == null) {
                throw new IllegalArgumentException(
                        profilesJson + ": profile " + profile.getKey() + " has no CostMatrix");
            }
            profiles.put(
                    profile.getKey(),
                    new CostMatrix(
                            number(costs, "tpWeight", profilesJson),
                            number(costs, "fpWeight", profilesJson),
                            number(costs, "fnWeight", profilesJson)));
        }
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException(profilesJson + ": no profiles");
        }
        return profiles;
    }

    static Map<String, List<Window>> readWindows(Path windowsJson) {
        JsonNode root = readJson(windowsJson);
        Map<String, List<Window>> windows = new TreeMap<>();
        for (Map.Entry<String, JsonNode> file : root.properties()) {
            List<Window> list = new ArrayList<>();
            for (JsonNode limits : file.getValue()) {
                if (limits.size() != 2) {
                    throw new IllegalArgumentException(
                            windowsJson + ": " + file.getKey() + ": window " + limits + " is not [start, end]");
                }
                list.add(new Window(
                        ResultsCsv.timestamp(limits.get(0).asString()),
                        ResultsCsv.timestamp(limits.get(1).asString())));
            }
            windows.put(file.getKey(), List.copyOf(list));
        }
        return windows;
    }

    static List<LabelledFile> readCorpus(Path resultsDir, Map<String, List<Window>> windows) {
        Map<String, Path> results = new TreeMap<>();
        try (Stream<Path> paths = Files.find(
                resultsDir,
                2,
                (path, attrs) -> attrs.isRegularFile()
                        && resultsDir.relativize(path).getNameCount() == 2
                        && path.getFileName().toString().endsWith(".csv"))) {
            paths.forEach(
                    path -> results.put(resultsDir.relativize(path).toString().replace('\\', '/'), path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + resultsDir, e);
        }
        List<String> missing =
                windows.keySet().stream().filter(k -> !results.containsKey(k)).toList();
        List<String> unlabelled =
                results.keySet().stream().filter(k -> !windows.containsKey(k)).toList();
        if (!missing.isEmpty() || !unlabelled.isEmpty()) {
            throw new IllegalArgumentException(resultsDir + ": results do not match the labels; missing " + missing
                    + ", not labelled " + unlabelled);
        }
        List<LabelledFile> files = new ArrayList<>();
        for (Map.Entry<String, List<Window>> file : windows.entrySet()) {
            ResultsCsv csv = ResultsCsv.read(results.get(file.getKey()));
            files.add(LabelledFile.of(file.getKey(), csv.timestamps(), csv.scores(), file.getValue()));
        }
        return files;
    }

    private static double number(JsonNode node, String field, Path source) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(source + ": " + field + " is missing or not a number");
        }
        return value.doubleValue();
    }

    private static JsonNode readJson(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
