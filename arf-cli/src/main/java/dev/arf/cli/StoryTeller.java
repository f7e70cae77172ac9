package dev.arf.cli;

import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.HealingStep;
import dev.arf.core.engine.MultiAgentAnalysis;
import dev.arf.core.incident.Incident;
import dev.arf.core.incident.TimelineEntry;
import dev.arf.core.scenario.ScenarioListener;
import dev.arf.core.scenario.ScenarioReport;
import dev.arf.core.sim.Fault;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Tells a scenario's story on the terminal. With a speed above zero it paces the story to the
 * simulated clock — presentation only: the simulation itself never waits.
 */
final class StoryTeller implements ScenarioListener {
    private static final DateTimeFormatter HMS =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final double speed;
    private Instant lastSimulated;

    StoryTeller(PrintWriter out, double speed) {
        this.out = out;
        this.speed = speed;
    }

    @Override
    public void started(RunInfo run) {
        out.println("━━ " + run.title() + " (" + run.scenario() + ", seed " + run.seed() + ")");
        out.println("   " + run.description());
        out.println();
        lastSimulated = run.start();
    }

    @Override
    public void pulse(Instant at, List<TelemetryEvent> fleet) {
        pace(at);
        StringBuilder line = new StringBuilder(String.format("%s  fleet ", HMS.format(at)));
        for (TelemetryEvent e : fleet) {
            line.append(String.format(
                    Locale.ROOT,
                    " │ %s p99 %s err %s cpu %s",
                    e.service(),
                    Metric.LATENCY_P99.format(e.latencyP99()),
                    Metric.ERROR_RATE.format(e.errorRate()),
                    Metric.CPU_UTIL.format(e.cpuUtil())));
        }
        say(line.toString());
    }

    @Override
    public void faultInjected(Instant at, Fault fault) {
        pace(at);
        say(HMS.format(at) + "  ⚡ fault injected: " + fault);
    }

    @Override
    public void faultCleared(Instant at, Fault fault) {
        pace(at);
        say(HMS.format(at) + "  🩹 fault gone: " + fault);
    }

    @Override
    public void incidentOpened(AnalysisResult result, Incident incident) {
        pace(result.timestamp());
        say(String.format(
                Locale.ROOT,
                "%s  🚨 %s opened on %s — %s, confidence %.0f%%",
                HMS.format(result.timestamp()),
                incident.id(),
                incident.service(),
                result.severity().key().toUpperCase(Locale.ROOT),
                result.confidence() * 100));
        MultiAgentAnalysis a = result.multiAgentAnalysis();
        say("          🕵 Detective:     " + a.detective().summary());
        a.detective().evidence().stream().limit(3).forEach(e -> say("                           · " + e));
    }

    @Override
    public void analysed(AnalysisResult result) {
        MultiAgentAnalysis a = result.multiAgentAnalysis();
        say(HMS.format(result.timestamp()) + "  🔍 Diagnostician: "
                + a.diagnostician().summary());
        say("          🔮 Predictor:     " + a.predictive().summary());
        say("          💰 Impact:        " + result.businessImpact().summary());
        say("          💡 Recommended:   "
                + String.join("; ", a.recommendedActions().stream().limit(2).toList()));
    }

    @Override
    public void healed(Instant at, HealingStep step) {
        pace(at);
        String icon = step.status() == HealingStep.Status.EXECUTED ? "🔧" : "⛔";
        say(String.format(
                Locale.ROOT,
                "%s  %s %s on %s: %s — %s (%s)",
                HMS.format(at),
                icon,
                step.action().key(),
                step.target(),
                step.status().name().toLowerCase(Locale.ROOT),
                step.detail(),
                step.source()));
    }

    @Override
    public void resolved(Incident incident) {
        pace(incident.resolvedAt());
        say(String.format(
                "%s  ✅ %s resolved (%s)", HMS.format(incident.resolvedAt()), incident.id(), incident.title()));
        incident.timeline().stream()
                .filter(e -> e.kind() == TimelineEntry.Kind.RECOVERING)
                .reduce((a, b) -> b)
                .ifPresent(e -> say("          healthy since " + HMS.format(e.at())));
    }

    @Override
    public void finished(ScenarioReport report) {
        out.println();
        out.println("── Outcome of " + report.scenario());
        out.println("   fault injected at   " + HMS.format(report.faultInjectedAt()));
        out.println("   MTTD                "
                + report.timeToDetect().map(StoryTeller::human).orElse("not detected"));
        out.println("   MTTR                "
                + report.timeToResolve().map(StoryTeller::human).orElse("not resolved within the scenario"));
        out.println("   cause               " + report.diagnosedCause() + " (expected " + report.expectedCause() + ")");
        out.println("   incidents           " + report.incidentsOpened() + " opened, " + report.incidentsResolved()
                + " resolved");
        out.println("   actions executed    "
                + (report.actionsExecuted().isEmpty() ? "none" : String.join(", ", report.actionsExecuted())));
        out.println("   events processed    " + report.eventsProcessed());
        out.println();
        out.flush();
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    /** Waits in wall-clock time for the simulated time that passed, divided by the speed. */
    private void pace(Instant simulated) {
        if (speed <= 0 || simulated == null || lastSimulated == null || !simulated.isAfter(lastSimulated)) {
            return;
        }
        long millis = (long) (Duration.between(lastSimulated, simulated).toMillis() / speed);
        lastSimulated = simulated;
        if (millis > 0) {
            try {
                Thread.sleep(Math.min(millis, 5_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String human(Duration d) {
        return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
}
