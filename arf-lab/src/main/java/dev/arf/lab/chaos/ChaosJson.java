package dev.arf.lab.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Experiment results as JSON documents: snake_case keys, durations as seconds ({@code *_seconds}),
 * absent values as null.
 */
public final class ChaosJson {
    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ChaosJson() {}

    public static String write(Object tree) {
        return MAPPER.writeValueAsString(tree);
    }

    public static Map<String, Object> tree(ExperimentResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", r.experiment());
        m.put("kind", r.kind().key());
        m.put("scope", r.scope());
        m.put("seed", r.seed());
        m.put("blast_radius", r.blastRadius());
        m.put("instances", r.instances());
        m.put("impacted", r.impacted());
        m.put("degraded", r.degraded());
        m.put("injected_at_seconds", r.injectedAt().toSeconds());
        m.put("scheduled_end_seconds", r.scheduledEnd().toSeconds());
        m.put("outcome", r.outcome().key());
        m.put("detected", r.detected());
        m.put("mttd_seconds", seconds(r.timeToDetect()));
        m.put("mttr_seconds", seconds(r.timeToRecover()));
        m.put("aborted", r.aborted());
        m.put("aborted_by", r.abortedBy().orElse(null));
        m.put("fault_removed_by", r.removedBy().orElse(null));
        m.put("incidents_opened", r.incidentsOpened());
        m.put("incidents_resolved", r.incidentsResolved());
        m.put("false_positives", r.falsePositives());
        m.put("faults_left", r.faultsLeft());
        m.put("actions_executed", r.executed());
        m.put("actions_refused", r.refused());
        m.put("harmful_actions", r.harmful());
        m.put("harmful_actions_not_rolled_back", r.harmfulNotRolledBack());
        List<Map<String, Object>> actions = new ArrayList<>();
        for (ActionRecord a : r.actions()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("at_seconds", a.offset().toSeconds());
            am.put("action", a.action());
            am.put("target", a.target());
            am.put("source", a.source());
            am.put("status", a.status());
            am.put("reason_code", a.reasonCode());
            am.put("detail", a.detail());
            am.put("revert", a.revert());
            a.health().ifPresent(h -> {
                Map<String, Object> hm = new LinkedHashMap<>();
                hm.put("error_rate_before", h.errorsBefore());
                hm.put("error_rate_after", h.errorsAfter());
                hm.put("p99_ms_before", h.p99Before());
                hm.put("p99_ms_after", h.p99After());
                hm.put("worse", h.worse());
                am.put("health", hm);
            });
            am.put("rolled_back", a.rolledBack());
            actions.add(am);
        }
        m.put("actions", actions);
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (Moment moment : r.timeline()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("at_seconds", moment.offset().toSeconds());
            mm.put("type", moment.type());
            mm.put("text", moment.text());
            timeline.add(mm);
        }
        m.put("timeline", timeline);
        return m;
    }

    public static Long seconds(Optional<Duration> d) {
        return d.map(Duration::toSeconds).orElse(null);
    }
}
