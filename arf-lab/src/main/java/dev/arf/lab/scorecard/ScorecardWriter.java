package dev.arf.lab.scorecard;

import dev.arf.lab.chaos.ChaosJson;
import dev.arf.lab.chaos.Durations;
import dev.arf.lab.chaos.ExperimentResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a scorecard as {@code scorecard.md}, {@code scorecard.json} and two PNG charts. */
public final class ScorecardWriter {
    public static final String MARKDOWN = "scorecard.md";
    public static final String JSON = "scorecard.json";
    public static final String TIMES_CHART = "scorecard-mttd-mttr.png";
    public static final String SOAK_CHART = "scorecard-soak-incidents.png";

    private ScorecardWriter() {}

    /** @return the files written */
    public static List<Path> write(ScorecardReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path md = dir.resolve(MARKDOWN);
        Path json = dir.resolve(JSON);
        Files.writeString(md, markdown(report), StandardCharsets.UTF_8);
        Files.writeString(json, ChaosJson.write(tree(report)) + "\n", StandardCharsets.UTF_8);
        Path times = dir.resolve(TIMES_CHART);
        Path soak = dir.resolve(SOAK_CHART);
        ScorecardCharts.times(report, times);
        ScorecardCharts.soak(report, soak);
        return List.of(md, json, times, soak);
    }

    public static Map<String, Object> tree(ScorecardReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", r.seed());
        Map<String, Object> overall = new LinkedHashMap<>();
        overall.put("experiments", r.experiments().size());
        overall.put("mttd_seconds", ChaosJson.seconds(r.meanTimeToDetect()));
        overall.put("undetected", r.undetected());
        overall.put("mttr_seconds", ChaosJson.seconds(r.meanTimeToRecover()));
        overall.put("unrecovered", r.unrecovered());
        overall.put("broke_steady_state", r.broken());
        overall.put("healed_by_arf", r.healed());
        overall.put("automated_resolution_rate", r.automatedResolutionRate());
        overall.put("false_positive_units", r.falsePositiveUnits());
        overall.put("units", r.units());
        overall.put("false_positive_rate", r.falsePositiveRate());
        overall.put("actions_refused_by_governance", r.refused());
        overall.put("refused_by_reason", r.refusedByReason());
        overall.put("harmful_actions", r.harmful());
        overall.put("harmful_actions_not_rolled_back", r.harmfulLeft());
        overall.put("wall_time_ms", r.wallTime().toMillis());
        m.put("overall", overall);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Target t : r.targets()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("target", t.name());
            tm.put("goal", t.goal());
            tm.put("measured", t.measured());
            tm.put("passed", t.passed());
            tm.put("note", t.note());
            targets.add(tm);
        }
        m.put("targets", targets);
        Map<String, Object> soak = new LinkedHashMap<>();
        soak.put("hours", r.soak().hours());
        soak.put("hours_with_incident", r.soak().hoursWithIncident());
        soak.put("incidents_opened_per_hour", r.soak().openedPerHour());
        soak.put("incidents", r.soak().incidents());
        soak.put("actions_executed", r.soak().actionsExecuted());
        soak.put("actions_refused", r.soak().actionsRefused());
        m.put("soak", soak);
        m.put("experiments", r.experiments().stream().map(ChaosJson::tree).toList());
        return m;
    }

    public static String markdown(ScorecardReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ARF SRE scorecard\n\n");
        sb.append("Seed ")
                .append(r.seed())
                .append(": ")
                .append(r.experiments().size())
                .append(" chaos experiments and a ")
                .append(r.soak().hours())
                .append("-hour soak with no fault, on the simulated fleet, virtual time, ARF's engine with its"
                        + " built-in policies and the Guardian governed by the simulated fleet's blueprints."
                        + " Wall time ")
                .append(String.format(Locale.ROOT, "%.1f s", r.wallTime().toMillis() / 1000.0))
                .append(".\n\n");
        sb.append(
                "## Targets (seed 004)\n\n| target | goal | measured | result | how |\n| --- | --- | --- | --- | --- |\n");
        for (Target t : r.targets()) {
            sb.append("| ")
                    .append(t.name())
                    .append(" | ")
                    .append(t.goal())
                    .append(" | ")
                    .append(t.measured())
                    .append(" | ")
                    .append(t.passed() ? "PASS" : "**FAIL**")
                    .append(" | ")
                    .append(t.note())
                    .append(" |\n");
        }
        sb.append("\nActions refused by governance: ").append(r.refused());
        if (!r.refusedByReason().isEmpty()) {
            sb.append(" (");
            List<String> parts = new ArrayList<>();
            r.refusedByReason().forEach((k, v) -> parts.add(k + " " + v));
            sb.append(String.join(", ", parts)).append(")");
        }
        sb.append(".\n\n## Experiments\n\n");
        sb.append(
                "| experiment | kind | blast radius | outcome | MTTD | MTTR | executed | refused | harmful (not rolled"
                        + " back) | false positives |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (ExperimentResult e : r.experiments()) {
            sb.append("| ")
                    .append(e.experiment())
                    .append(" | ")
                    .append(e.kind().key())
                    .append(" | ")
                    .append(e.scope())
                    .append(": ")
                    .append(String.join(", ", e.blastRadius()))
                    .append(" | ")
                    .append(e.outcome().key())
                    .append(" | ")
                    .append(e.timeToDetect().map(Durations::text).orElse("—"))
                    .append(" | ")
                    .append(e.timeToRecover().map(Durations::text).orElse("—"))
                    .append(" | ")
                    .append(e.executed())
                    .append(" | ")
                    .append(e.refused())
                    .append(" | ")
                    .append(e.harmful())
                    .append(" (")
                    .append(e.harmfulNotRolledBack())
                    .append(") | ")
                    .append(e.falsePositives().isEmpty() ? "—" : String.join(", ", e.falsePositives()))
                    .append(" |\n");
        }
        sb.append("\nOutcomes: `healed` = the steady state held again before the fault's scheduled end, after ARF"
                + " acted; `recovered_after_fault_ended` = only once the fault was taken out; `tolerated` = the steady"
                + " state never broke; `not_recovered`, `aborted` (a safety check removed the fault).\n\n");
        sb.append("## Soak\n\n")
                .append(r.soak().hoursWithIncident())
                .append(" of ")
                .append(r.soak().hours())
                .append(" hours had an incident open; incidents opened: ")
                .append(
                        r.soak().incidents().isEmpty()
                                ? "none"
                                : String.join(", ", r.soak().incidents()))
                .append("; actions executed: ")
                .append(r.soak().actionsExecuted())
                .append(".\n\n");
        sb.append("![MTTD and MTTR per experiment](")
                .append(TIMES_CHART)
                .append(")\n\n![Soak: incidents opened per hour](")
                .append(SOAK_CHART)
                .append(")\n\n");
        sb.append("## Timelines\n");
        for (ExperimentResult e : r.experiments()) {
            sb.append("\n### ").append(e.experiment()).append("\n\n```\n");
            e.timeline()
                    .forEach(m -> sb.append(Durations.offset(m.offset()))
                            .append("  ")
                            .append(String.format(Locale.ROOT, "%-20s", m.type()))
                            .append(" ")
                            .append(m.text())
                            .append('\n'));
            sb.append("```\n");
        }
        return sb.toString();
    }
}
