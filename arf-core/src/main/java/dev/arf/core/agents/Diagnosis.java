package dev.arf.core.agents;

import java.util.List;

/**
 * The Diagnostician's answer: the most likely cause, how strongly the evidence points at it (0..1),
 * the evidence itself, and the runner-up so a reader can see how close the call was.
 */
public record Diagnosis(Cause cause, double confidence, List<String> evidence, Cause runnerUp, String summary) {
    public Diagnosis {
        evidence = List.copyOf(evidence);
    }
}
