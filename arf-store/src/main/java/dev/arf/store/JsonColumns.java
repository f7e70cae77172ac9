package dev.arf.store;

import dev.arf.core.detect.DetectorSnapshot.BaselineStats;
import dev.arf.core.detect.Forecast;
import dev.arf.core.detect.RuleState;
import dev.arf.core.detect.RuleStatus;
import dev.arf.core.detect.Severity;
import dev.arf.core.detect.Signal;
import dev.arf.core.detect.SignalKind;
import dev.arf.core.execute.Action;
import dev.arf.core.incident.TimelineEntry;
import dev.arf.core.policy.HealingAction;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON documents kept in TEXT columns, written and read through DTOs owned by this adapter so
 * that the stored format does not move when a core record does. Instants and durations are ISO-8601
 * strings (full precision); NaN and infinities are written as the strings Jackson uses for them.
 */
final class JsonColumns {

    record SignalDoc(
            SignalKind kind,
            String metric,
            double value,
            double expected,
            double deviation,
            Instant since,
            String explanation) {}

    record ForecastDoc(
            String metric,
            double current,
            double threshold,
            double slopePerMinute,
            Duration timeToThreshold,
            String explanation) {}

    record RuleDoc(
            String rule,
            String metric,
            RuleState state,
            Instant activeSince,
            double value,
            double threshold,
            Severity severity) {}

    record TimelineDoc(Instant at, TimelineEntry.Kind kind, String message) {}

    record ActionDoc(
            String idempotencyKey,
            HealingAction type,
            String target,
            Map<String, String> parameters,
            String source,
            String reason,
            Instant proposedAt,
            Double confidence) {}

    record BaselineDoc(long count, double center, double spread) {}

    private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<SignalDoc>> SIGNALS = new TypeReference<>() {};
    private static final TypeReference<List<ForecastDoc>> FORECASTS = new TypeReference<>() {};
    private static final TypeReference<List<RuleDoc>> RULES = new TypeReference<>() {};
    private static final TypeReference<List<TimelineDoc>> TIMELINE = new TypeReference<>() {};
    private static final TypeReference<Map<String, BaselineDoc>> BASELINES = new TypeReference<>() {};

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    String numbers(Map<String, Double> values) {
        return write(values);
    }

    Map<String, Double> numbers(String json) {
        return read(json, NUMBERS);
    }

    String strings(Map<String, String> values) {
        return write(values);
    }

    Map<String, String> strings(String json) {
        return read(json, STRINGS);
    }

    String signals(List<Signal> signals) {
        return write(signals.stream()
                .map(s -> new SignalDoc(
                        s.kind(), s.metric(), s.value(), s.expected(), s.deviation(), s.since(), s.explanation()))
                .toList());
    }

    List<Signal> signals(String json) {
        return read(json, SIGNALS).stream()
                .map(d -> new Signal(
                        d.kind(), d.metric(), d.value(), d.expected(), d.deviation(), d.since(), d.explanation()))
                .toList();
    }

    String forecasts(List<Forecast> forecasts) {
        return write(forecasts.stream()
                .map(f -> new ForecastDoc(
                        f.metric(),
                        f.current(),
                        f.threshold(),
                        f.slopePerMinute(),
                        f.timeToThreshold() == null ? null : f.timeToThreshold().orElse(null),
                        f.explanation()))
                .toList());
    }

    List<Forecast> forecasts(String json) {
        return read(json, FORECASTS).stream()
                .map(d -> new Forecast(
                        d.metric(),
                        d.current(),
                        d.threshold(),
                        d.slopePerMinute(),
                        Optional.ofNullable(d.timeToThreshold()),
                        d.explanation()))
                .toList();
    }

    String rules(List<RuleStatus> rules) {
        return write(rules.stream()
                .map(r -> new RuleDoc(
                        r.rule(), r.metric(), r.state(), r.activeSince(), r.value(), r.threshold(), r.severity()))
                .toList());
    }

    List<RuleStatus> rules(String json) {
        return read(json, RULES).stream()
                .map(d -> new RuleStatus(
                        d.rule(), d.metric(), d.state(), d.activeSince(), d.value(), d.threshold(), d.severity()))
                .toList();
    }

    String timeline(List<TimelineEntry> timeline) {
        return write(timeline.stream()
                .map(e -> new TimelineDoc(e.at(), e.kind(), e.message()))
                .toList());
    }

    List<TimelineEntry> timeline(String json) {
        return read(json, TIMELINE).stream()
                .map(d -> new TimelineEntry(d.at(), d.kind(), d.message()))
                .toList();
    }

    String action(Action a) {
        return write(new ActionDoc(
                a.idempotencyKey(),
                a.type(),
                a.target(),
                a.parameters(),
                a.source(),
                a.reason(),
                a.proposedAt(),
                a.confidence()));
    }

    Action action(String json) {
        ActionDoc d = read(json, ActionDoc.class);
        return new Action(
                d.idempotencyKey(),
                d.type(),
                d.target(),
                d.parameters() == null ? Map.of() : d.parameters(),
                d.source(),
                d.reason(),
                d.proposedAt(),
                // Rows written before actions carried a confidence were all acted on as certain.
                d.confidence() == null ? Action.CERTAIN : d.confidence());
    }

    String baselines(Map<String, BaselineStats> baselines) {
        Map<String, BaselineDoc> docs = new LinkedHashMap<>();
        baselines.forEach((metric, b) -> docs.put(metric, new BaselineDoc(b.count(), b.center(), b.spread())));
        return write(docs);
    }

    Map<String, BaselineStats> baselines(String json) {
        Map<String, BaselineStats> stats = new LinkedHashMap<>();
        read(json, BASELINES)
                .forEach((metric, d) -> stats.put(metric, new BaselineStats(d.count(), d.center(), d.spread())));
        return stats;
    }

    private String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new StoreException("stored JSON does not match the expected format: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new StoreException("stored JSON does not match the expected format: " + e.getOriginalMessage(), e);
        }
    }
}
