package dev.arf.lab.scorecard;

/**
 * One of seed 004's targets and how the run measured up.
 *
 * @param name e.g. {@code MTTD}
 * @param goal as seed 004 states it, e.g. {@code < 3 min}
 * @param measured what this run measured, for people
 * @param note how the figure was computed, or what kept it from passing
 */
public record Target(String name, String goal, String measured, boolean passed, String note) {}
