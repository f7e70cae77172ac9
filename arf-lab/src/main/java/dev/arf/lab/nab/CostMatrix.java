package dev.arf.lab.nab;

/**
 * One NAB scoring profile's weights, as in NAB's {@code config/profiles.json} ({@code CostMatrix}). NAB's
 * {@code tnWeight} is not used by its scorer and is not kept.
 *
 * @param tpWeight reward for catching a window at its left edge
 * @param fpWeight cost of a false alarm far from any window
 * @param fnWeight cost of a missed window
 */
public record CostMatrix(double tpWeight, double fpWeight, double fnWeight) {}
