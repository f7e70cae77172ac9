package dev.arf.lab.nab;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * One results file laid against its windows, as NAB's {@code Sweeper.calcSweepScore} lays it: for every row, the
 * window it lies in (or none) and its profile-independent weight.
 *
 * <p>Rows are an ordered stream (timestamps may repeat or step back): window {@code k} starts at the first row, after
 * window {@code k-1} ends, whose timestamp equals its start, and ends at the first row from there whose timestamp
 * equals its end. That is where NAB enters and leaves a window. (NAB measures the window's width from the file's first
 * row with the end timestamp, which is the same row unless that timestamp also occurs earlier in the file; no window
 * boundary of NAB's public data lies on a repeated timestamp.)
 */
final class LabelledFile {

    static final int OUTSIDE = -1;

    private final String name;
    private final double[] scores;
    private final int probation;
    private final int windowCount;
    private final int[] windowOf;
    private final double[] unitWeight;
    private final boolean[] windowScorable;

    private LabelledFile(
            String name, double[] scores, int probation, int windowCount, int[] windowOf, double[] unitWeight) {
        this.name = name;
        this.scores = scores;
        this.probation = probation;
        this.windowCount = windowCount;
        this.windowOf = windowOf;
        this.unitWeight = unitWeight;
        this.windowScorable = new boolean[windowCount];
        for (int i = probation; i < windowOf.length; i++) {
            if (windowOf[i] != OUTSIDE) {
                windowScorable[windowOf[i]] = true;
            }
        }
    }

    /**
     * Lays the rows against the windows.
     *
     * @throws IllegalArgumentException if a window's start or end is not found in order
     */
    static LabelledFile of(String name, List<LocalDateTime> timestamps, double[] scores, List<Window> windows) {
        if (timestamps.size() != scores.length) {
            throw new IllegalArgumentException(
                    name + ": " + timestamps.size() + " timestamps, " + scores.length + " scores");
        }
        int n = scores.length;
        int[] windowOf = new int[n];
        Arrays.fill(windowOf, OUTSIDE);
        double[] unit = new double[n];
        int next = 0;
        int prevRight = -1;
        int prevWidth = 0;
        for (int i = 0; i < n; i++) {
            if (next < windows.size()
                    && timestamps.get(i).equals(windows.get(next).start())) {
                Window window = windows.get(next);
                int right = i;
                while (right < n && !timestamps.get(right).equals(window.end())) {
                    right++;
                }
                if (right == n) {
                    throw new IllegalArgumentException(
                            name + ": window " + window + " has no row with its end timestamp after its start");
                }
                double width = right - i + 1;
                for (int j = i; j <= right; j++) {
                    windowOf[j] = next;
                    unit[j] = ScaledSigmoid.of(-(right - j + 1) / width);
                }
                prevRight = right;
                prevWidth = right - i + 1;
                next++;
                i = right;
            } else if (prevRight < 0) {
                unit[i] = ScaledSigmoid.of(3.0);
            } else {
                // A one-row window divides by zero, as in NAB; Java's infinity gives the far-away weight, -1.
                unit[i] = ScaledSigmoid.of(Math.abs(prevRight - i) / (double) (prevWidth - 1));
            }
        }
        if (next < windows.size()) {
            throw new IllegalArgumentException(
                    name + ": no row, in order, with the start timestamp of window " + windows.get(next));
        }
        return new LabelledFile(name, scores, probationLength(n), windows.size(), windowOf, unit);
    }

    /** NAB's probationary period: the first {@code min(floor(0.15 * n), 750)} rows are not scored. */
    static int probationLength(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    String name() {
        return name;
    }

    int rows() {
        return scores.length;
    }

    int probation() {
        return probation;
    }

    int windowCount() {
        return windowCount;
    }

    double score(int row) {
        return scores[row];
    }

    /** The window (index in this file) that {@code row} lies in, or {@link #OUTSIDE}. */
    int windowOf(int row) {
        return windowOf[row];
    }

    /** Whether a window has a row after the probationary period (NAB scores only those windows, hit or missed). */
    boolean scorable(int window) {
        return windowScorable[window];
    }

    /**
     * A detection's weight at {@code row} under {@code costs}: NAB's sweep score, {@code sigmoid * tpWeight / MAX_TP}
     * in a window (so a window's first row is worth exactly tpWeight), {@code sigmoid * fpWeight} outside.
     */
    double weight(int row, CostMatrix costs) {
        return windowOf[row] == OUTSIDE
                ? unitWeight[row] * costs.fpWeight()
                : unitWeight[row] * costs.tpWeight() / ScaledSigmoid.MAX_TP;
    }

    /** One labelled window, both ends inclusive. */
    record Window(LocalDateTime start, LocalDateTime end) {}
}
