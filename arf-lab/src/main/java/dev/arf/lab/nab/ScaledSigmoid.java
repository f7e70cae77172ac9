package dev.arf.lab.nab;

/** NAB's weighting function ({@code nab/sweeper.py}: {@code scaledSigmoid}), written as NAB computes it. */
final class ScaledSigmoid {

    /** The weight of a detection at the left edge of a window, by which NAB divides true positives. */
    static final double MAX_TP = of(-1.0);

    private ScaledSigmoid() {}

    /**
     * {@code 2 * sigmoid(-5 * x) - 1}, and exactly -1 from {@code x >= 3} on. Inside a window x runs from -1 (left
     * edge) towards 0 (right edge); after a window x is the distance past its right edge in window widths.
     */
    static double of(double relativePosition) {
        if (relativePosition >= 3.0) {
            return -1.0;
        }
        return 2 * sigmoid(-5 * relativePosition) - 1.0;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
