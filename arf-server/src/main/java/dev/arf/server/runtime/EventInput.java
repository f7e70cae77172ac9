package dev.arf.server.runtime;

import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One telemetry event as the API takes it (seed 000's field names; {@code component} is accepted for
 * {@code service}). Latencies in milliseconds, error rate and utilisations as fractions, throughput in
 * requests per second; a metric left out is "not reported". Without a timestamp the event is stamped
 * on arrival.
 */
public record EventInput(
        String service,
        String component,
        Instant timestamp,
        Double latencyP50,
        Double latencyP95,
        Double latencyP99,
        Double errorRate,
        Double throughput,
        Double cpuUtil,
        Double memoryUtil,
        Map<String, Double> custom,
        Map<String, String> labels) {

    /** The event, stamped {@code now} when it has no timestamp; the problems when it is not valid. */
    public Parsed toEvent(Instant now) {
        List<String> problems = new ArrayList<>();
        String name = service;
        if (service != null && component != null && !service.equals(component)) {
            problems.add("component: names another service than service; give one of them");
        } else if (name == null) {
            name = component;
        }
        if (custom != null && custom.containsValue(null)) {
            problems.add("custom: a metric value must be a number, got null");
        }
        if (labels != null && (labels.containsValue(null) || labels.containsKey(null))) {
            problems.add("labels: a label value must be text, got null");
        }
        if (!problems.isEmpty()) {
            return new Parsed(null, problems);
        }
        TelemetryEvent event = new TelemetryEvent(
                name,
                timestamp == null ? now : timestamp,
                orNaN(latencyP50),
                orNaN(latencyP95),
                orNaN(latencyP99),
                orNaN(errorRate),
                orNaN(throughput),
                orNaN(cpuUtil),
                orNaN(memoryUtil),
                custom,
                labels);
        List<String> invalid = event.problems();
        return invalid.isEmpty() ? new Parsed(event, List.of()) : new Parsed(null, invalid);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    /** An event or what is wrong with it. */
    public record Parsed(TelemetryEvent event, List<String> problems) {}
}
