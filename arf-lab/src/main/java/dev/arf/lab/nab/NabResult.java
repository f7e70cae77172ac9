package dev.arf.lab.nab;

import java.util.List;

/** The NAB score of one results directory, one entry per profile in the order of the profiles file. */
public record NabResult(List<ProfileScore> profiles) {

    public NabResult {
        profiles = List.copyOf(profiles);
    }

    /**
     * One profile's score.
     *
     * @param threshold the threshold used: a detection is a row with {@code anomaly_score >= threshold}; NAB's
     *     "detect nothing" threshold is 1.1
     * @param rawScore the sum of the files' raw scores
     * @param normalisedScore {@code 100 * (raw - null) / (perfect - null)}
     * @param nullScore {@code -fnWeight * windows} (a detector that never fires)
     * @param perfectScore {@code tpWeight * windows} (every window caught at its first row, no false alarm)
     * @param truePositives windows with a detection (only the first one in a window counts)
     * @param falsePositives detections (rows) outside every window, after the probationary period
     * @param falseNegatives windows without a detection (windows entirely inside the probationary period are not
     *     counted, as in NAB)
     */
    public record ProfileScore(
            String profile,
            double threshold,
            double rawScore,
            double normalisedScore,
            double nullScore,
            double perfectScore,
            int truePositives,
            int falsePositives,
            int falseNegatives,
            List<FileScore> files) {

        public ProfileScore {
            files = List.copyOf(files);
        }
    }

    /** One file's part of a profile's score; {@code file} is {@code <category>/<name>.csv}. */
    public record FileScore(String file, double rawScore, int truePositives, int falsePositives, int falseNegatives) {}
}
