package dev.arf.core.agents;

import dev.arf.core.detect.Severity;
import java.util.List;

/** The Detective's answer: is the service anomalous, how sure, and the strongest evidence. */
public record DetectiveFinding(
        boolean anomalous, double confidence, Severity severity, List<String> evidence, String summary) {
    public DetectiveFinding {
        evidence = List.copyOf(evidence);
    }
}
