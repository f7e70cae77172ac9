package dev.arf.lab.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arf.lab.nab.NabResult.ProfileScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabScorerTest {

    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path results;

    // ---- hand-computed synthetic case ----

    /**
     * 20 rows, probation floor(0.15 * 20) = 3, one window over rows 5..9 (width 5). Detections at row 1 (probation,
     * ignored), row 4 (before any window: -fpWeight), row 7 (TP at -(9 - 7 + 1) / 5 = -0.6), row 8 (later in the
     * same window, ignored) and row 12 (FP |9 - 12| / (5 - 1) = 0.75 past the window).
     */
    @Test
    void weighsTruePositiveAndFalsePositivesBySigmoidOfTheirPosition() throws IOException {
        Path labels = syntheticCase(new double[] {0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0});

        NabResult result = NabScorer.score(results, labels, profiles());

        // scaledSigmoid(x) = 2 / (1 + e^(5x)) - 1: TP = s(-0.6) / s(-1) = 0.9051482536448667 / 0.9866142981514305
        double tp = 0.9174286804284079;
        double fpAfter = -0.9540452601799487; // s(0.75)
        ProfileScore standard = profile(result, "standard");
        assertThat(standard.threshold()).isEqualTo(1.0);
        assertThat(standard.rawScore()).isCloseTo(tp + 0.11 * fpAfter - 0.11, within(1e-9));
        assertThat(standard.rawScore()).isCloseTo(0.7024837018086135, within(1e-9));
        assertThat(standard.normalisedScore()).isCloseTo(85.12418509043067, within(1e-9));
        assertThat(standard.truePositives()).isEqualTo(1);
        assertThat(standard.falsePositives()).isEqualTo(2);
        assertThat(standard.falseNegatives()).isZero();
        assertThat(standard.files()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("synthetic/one.csv");
            assertThat(f.rawScore()).isCloseTo(0.7024837018086135, within(1e-9));
        });
        assertThat(profile(result, "reward_low_FP_rate").rawScore()).isCloseTo(0.4875387231888192, within(1e-9));
        assertThat(profile(result, "reward_low_FN_rate").normalisedScore()).isCloseTo(90.08279006028711, within(1e-9));
    }

    @Test
    void optimisedThresholdKeepsTheDetectionsThatPayAndDropsTheRest() throws IOException {
        // the TP scores 0.9; the false alarms before the window score 0.4 and 0.3: only T = 0.9 pays
        Path labels = syntheticCase(new double[] {0, 0, 0, 0.3, 0.4, 0, 0, 0.9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

        ProfileScore standard = profile(NabScorer.score(results, labels, profiles()), "standard");

        assertThat(standard.threshold()).isEqualTo(0.9);
        assertThat(standard.rawScore()).isCloseTo(0.9174286804284079, within(1e-9));
        assertThat(standard.falsePositives()).isZero();
    }

    @Test
    void aFixedThresholdOverridesTheOptimisedOne() throws IOException {
        Path labels = syntheticCase(new double[] {0, 0, 0, 0.3, 0.4, 0, 0, 0.9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

        ProfileScore standard =
                profile(NabScorer.score(results, labels, profiles(), Map.of("standard", 0.35)), "standard");

        assertThat(standard.threshold()).isEqualTo(0.35);
        assertThat(standard.rawScore()).isCloseTo(0.9174286804284079 - 0.11, within(1e-9));
        assertThat(standard.falsePositives()).isEqualTo(1);
    }

    @Test
    void refusesResultsThatMissALabelledFile() throws IOException {
        Path labels = syntheticCase(new double[20]);
        Files.writeString(labels, "{\"synthetic/one.csv\": [], \"synthetic/two.csv\": []}", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> NabScorer.score(results, labels, profiles()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("synthetic/two.csv");
    }

    // ---- NAB's public data ----

    @Test
    void theBuiltInProfilesAreNabsProfilesFile() throws IOException {
        Corpus corpus = Corpus.locate();

        assertThat(NabScorer.NAB_PROFILES).isEqualTo(NabScorer.readProfiles(corpus.profilesJson()));
    }

    @Test
    void nullDetectorScoresZeroOnEveryProfile() throws IOException {
        Corpus corpus = Corpus.locate();
        corpus.writeResults(results, (file, row) -> 0.0);

        NabResult result = NabScorer.score(results, corpus.windowsJson(), corpus.profilesJson());

        assertThat(result.profiles()).hasSize(3).allSatisfy(p -> {
            assertThat(p.normalisedScore()).isCloseTo(0.0, within(1e-9));
            assertThat(p.truePositives()).isZero();
            assertThat(p.falseNegatives()).isEqualTo(39);
        });
    }

    @Test
    void perfectDetectorScoresHundredOnEveryProfile() throws IOException {
        Corpus corpus = Corpus.locate();
        corpus.writeResults(results, (file, row) -> file.windowStarting(row) ? 1.0 : 0.0);

        NabResult result = NabScorer.score(results, corpus.windowsJson(), corpus.profilesJson());

        assertThat(result.profiles()).hasSize(3).allSatisfy(p -> {
            assertThat(p.threshold()).isEqualTo(1.0);
            assertThat(p.normalisedScore()).isCloseTo(100.0, within(1e-9));
            assertThat(p.truePositives()).isEqualTo(39);
            assertThat(p.falsePositives()).isZero();
        });
    }

    @Test
    void detectorFiringOnEveryRowAfterProbationScoresBelowZeroAtAFixedThreshold() throws IOException {
        Corpus corpus = Corpus.locate();
        corpus.writeResults(results, (file, row) -> row >= file.probation() ? 1.0 : 0.0);

        NabResult fixed = NabScorer.score(
                results,
                corpus.windowsJson(),
                corpus.profilesJson(),
                Map.of("standard", 0.5, "reward_low_FP_rate", 0.5, "reward_low_FN_rate", 0.5));
        NabResult optimised = NabScorer.score(results, corpus.windowsJson(), corpus.profilesJson());

        assertThat(fixed.profiles()).hasSize(3).allSatisfy(p -> {
            assertThat(p.normalisedScore()).isNegative();
            assertThat(p.truePositives()).isEqualTo(39);
        });
        // optimised, firing everywhere is worse than never firing, so the sweep chooses to detect nothing
        assertThat(optimised.profiles()).allSatisfy(p -> {
            assertThat(p.threshold()).isEqualTo(NabScorer.NO_DETECTION);
            assertThat(p.normalisedScore()).isCloseTo(0.0, within(1e-9));
        });
    }

    @Test
    void detectorFiringOnceInEachWindowsMiddleScoresBetweenNullAndPerfect() throws IOException {
        Corpus corpus = Corpus.locate();
        corpus.writeResults(results, (file, row) -> file.windowMiddle(row) ? 1.0 : 0.0);

        NabResult result = NabScorer.score(results, corpus.windowsJson(), corpus.profilesJson());

        assertThat(result.profiles()).hasSize(3).allSatisfy(p -> {
            assertThat(p.normalisedScore()).isStrictlyBetween(0.0, 100.0);
            assertThat(p.truePositives()).isEqualTo(39);
            assertThat(p.falsePositives()).isZero();
        });
        // the middle of a window is worth s(-0.5)/s(-1) = 0.84828/0.98661 of its left edge, roughly
        assertThat(profile(result, "standard").normalisedScore()).isBetween(90.0, 95.0);
    }

    // ---- helpers ----

    private Path syntheticCase(double[] scores) throws IOException {
        LocalDateTime t0 = LocalDateTime.of(2020, 1, 1, 0, 0);
        StringBuilder csv = new StringBuilder("timestamp,value,anomaly_score\n");
        for (int i = 0; i < scores.length; i++) {
            csv.append(t0.plusMinutes(5L * i).format(NAB_TIME))
                    .append(',')
                    .append(i)
                    .append(',')
                    .append(scores[i])
                    .append('\n');
        }
        Files.createDirectories(results.resolve("synthetic"));
        Files.writeString(results.resolve("synthetic/one.csv"), csv, StandardCharsets.UTF_8);
        Path labels = Files.createTempFile(results.getParent(), "windows", ".json");
        Files.writeString(
                labels,
                "{\"synthetic/one.csv\": [[\"" + t0.plusMinutes(25).format(NAB_TIME) + ".000000\", \""
                        + t0.plusMinutes(45).format(NAB_TIME) + ".000000\"]]}",
                StandardCharsets.UTF_8);
        return labels;
    }

    private Path profiles() throws IOException {
        Path path = results.getParent().resolve("profiles-" + results.getFileName() + ".json");
        if (!Files.exists(path)) {
            Files.writeString(path, """
                    {"standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11, "tnWeight": 1.0}},
                     "reward_low_FP_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22}},
                     "reward_low_FN_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11}}}
                    """, StandardCharsets.UTF_8);
        }
        return path;
    }

    private static ProfileScore profile(NabResult result, String name) {
        return result.profiles().stream()
                .filter(p -> p.profile().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** A data file of the public split with its windows as row ranges, found here independently of the scorer. */
    record DataFile(String name, List<String> lines, List<int[]> windows) {

        int probation() {
            return (int) Math.min(Math.floor(0.15 * lines.size()), 750);
        }

        boolean windowStarting(int row) {
            return windows.stream().anyMatch(w -> w[0] == row);
        }

        boolean windowMiddle(int row) {
            return windows.stream().anyMatch(w -> (w[0] + w[1]) / 2 == row);
        }
    }

    interface Detector {
        double score(DataFile file, int row);
    }

    record Corpus(Path root, List<DataFile> files) {

        /**
         * The public NAB split: {@code ARF_NAB_DIR} when set, else {@code ../shared/nab/public} next to the
         * repository (the workspace's layout).
         */
        static Corpus locate() throws IOException {
            String configured = System.getenv("ARF_NAB_DIR");
            Path root = configured != null && !configured.isBlank()
                    ? Path.of(configured)
                    : Path.of("..", "..", "shared", "nab", "public");
            assumeTrue(
                    Files.isDirectory(root.resolve("data")),
                    "NAB public data not found at " + root.toAbsolutePath().normalize() + "; skipped");
            String json = Files.readString(root.resolve("labels/combined_windows.json"));
            var windows =
                    tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
            List<DataFile> files = new ArrayList<>();
            for (var entry : windows.properties()) {
                List<String> lines = Files.readAllLines(root.resolve("data").resolve(entry.getKey())).stream()
                        .skip(1)
                        .filter(l -> !l.isBlank())
                        .toList();
                List<String> times =
                        lines.stream().map(l -> l.substring(0, l.indexOf(','))).toList();
                List<int[]> rows = new ArrayList<>();
                for (var w : entry.getValue()) {
                    String start = w.get(0).asString().substring(0, 19);
                    String end = w.get(1).asString().substring(0, 19);
                    rows.add(new int[] {times.indexOf(start), times.indexOf(end)});
                }
                files.add(new DataFile(entry.getKey(), lines, rows));
            }
            return new Corpus(root, files);
        }

        Path windowsJson() {
            return root.resolve("labels/combined_windows.json");
        }

        Path profilesJson() {
            return root.resolve("config/profiles.json");
        }

        void writeResults(Path dir, Detector detector) throws IOException {
            for (DataFile file : files) {
                StringBuilder csv = new StringBuilder("timestamp,value,anomaly_score\n");
                for (int row = 0; row < file.lines().size(); row++) {
                    csv.append(file.lines().get(row))
                            .append(',')
                            .append(detector.score(file, row))
                            .append('\n');
                }
                Path out = dir.resolve(file.name());
                Files.createDirectories(out.getParent());
                Files.writeString(out, csv, StandardCharsets.UTF_8);
            }
        }
    }
}
