package dev.arf.cli;

import dev.arf.core.agents.BusinessImpact;
import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.HealingStep;
import dev.arf.core.engine.MultiAgentAnalysis;
import java.io.PrintWriter;
import java.util.Locale;

/** Renders an analysis result for people. */
final class ResultPrinter {
    private ResultPrinter() {}

    static void print(AnalysisResult r, PrintWriter out) {
        if (r.status() == AnalysisResult.Status.REJECTED) {
            out.println("REJECTED: the event is invalid");
            r.problems().forEach(p -> out.println("  - " + p));
            return;
        }
        out.printf(Locale.ROOT, "Status:     %s%n", r.status());
        out.printf(Locale.ROOT, "Severity:   %s%n", r.severity().key());
        out.printf(Locale.ROOT, "Confidence: %.0f%%%n", r.confidence() * 100);
        if (r.incidentId() != null) {
            out.printf(Locale.ROOT, "Incident:   %s%n", r.incidentId());
        }
        MultiAgentAnalysis a = r.multiAgentAnalysis();
        out.println();
        out.println("Agents");
        out.println("  Detective:     " + a.detective().summary());
        a.detective().evidence().forEach(e -> out.println("                 · " + e));
        if (a.diagnostician() != null) {
            out.println("  Diagnostician: " + a.diagnostician().summary());
        }
        if (a.predictive() != null) {
            out.println("  Predictor:     " + a.predictive().summary());
        }
        BusinessImpact impact = r.businessImpact();
        if (impact != null) {
            out.println("  Impact:        " + impact.summary() + " ("
                    + impact.severityLevel().key() + ")");
        }
        if (!a.recommendedActions().isEmpty()) {
            out.println();
            out.println("Recommended actions");
            a.recommendedActions().forEach(s -> out.println("  - " + s));
        }
        if (!r.healingActions().isEmpty()) {
            out.println();
            out.println("Healing actions");
            for (HealingStep s : r.healingActions()) {
                out.printf(
                        Locale.ROOT,
                        "  - %-18s %-10s %s (%s)%n",
                        s.action().key(),
                        s.status().name().toLowerCase(Locale.ROOT),
                        s.detail(),
                        s.source());
            }
        }
        out.flush();
    }
}
