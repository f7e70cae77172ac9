package dev.arf.core.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One observation of one service at one instant.
 *
 * <p>A standard metric that was not reported is {@link Double#NaN}; {@link #has(Metric)} tells.
 * The record itself accepts any values so that the engine can explain why it refuses a hostile
 * one: {@link #problems()} lists everything wrong, and {@link Builder#build()} refuses to build an
 * invalid event. Latencies are milliseconds, throughput requests per second, error rate and
 * utilisations fractions in [0, 1].
 */
public record TelemetryEvent(
        String service,
        Instant timestamp,
        double latencyP50,
        double latencyP95,
        double latencyP99,
        double errorRate,
        double throughput,
        double cpuUtil,
        double memoryUtil,
        Map<String, Double> custom,
        Map<String, String> labels) {

    /** Service names: what Kubernetes and Prometheus accept as a name, at most 128 characters. */
    public static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

    public static final int MAX_CUSTOM_METRICS = 64;
    public static final int MAX_LABELS = 64;

    public TelemetryEvent {
        custom = custom == null ? Map.of() : Map.copyOf(custom);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static Builder builder(String service, Instant timestamp) {
        return new Builder(service, timestamp);
    }

    /** The value of a standard metric, NaN when not reported. */
    public double value(Metric metric) {
        return switch (metric) {
            case LATENCY_P50 -> latencyP50;
            case LATENCY_P95 -> latencyP95;
            case LATENCY_P99 -> latencyP99;
            case ERROR_RATE -> errorRate;
            case THROUGHPUT -> throughput;
            case CPU_UTIL -> cpuUtil;
            case MEMORY_UTIL -> memoryUtil;
        };
    }

    public boolean has(Metric metric) {
        return !Double.isNaN(value(metric));
    }

    /**
     * Looks a metric up by its wire name: a standard metric ({@code latency_p99}) or a custom one.
     * NaN when absent.
     */
    public double value(String key) {
        return Metric.byKey(key).map(this::value).orElseGet(() -> custom.getOrDefault(key, Double.NaN));
    }

    /**
     * Everything wrong with this event, each naming its field; empty when valid. A NaN standard
     * metric counts as "not reported", but at least one metric must be present.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (service == null || service.isBlank()) {
            problems.add("service: missing");
        } else if (!SERVICE_NAME.matcher(service).matches()) {
            problems.add("service: '"
                    + abbreviate(service)
                    + "' is not a valid name (letters, digits and . _ : / -, at most 128 characters)");
        }
        if (timestamp == null) {
            problems.add("timestamp: missing");
        }
        boolean any = false;
        for (Metric m : Metric.all()) {
            double v = value(m);
            if (Double.isNaN(v)) {
                continue;
            }
            any = true;
            checkValue(m.key(), v, m.isRatio(), problems);
        }
        if (custom.size() > MAX_CUSTOM_METRICS) {
            problems.add("custom: " + custom.size() + " metrics, at most " + MAX_CUSTOM_METRICS);
        }
        for (Map.Entry<String, Double> e : custom.entrySet()) {
            String field = "custom." + abbreviate(e.getKey());
            if (e.getKey().isBlank() || e.getKey().length() > 128) {
                problems.add("custom: a metric name must have 1 to 128 characters");
            } else if (e.getValue() == null || Double.isNaN(e.getValue())) {
                problems.add(field + ": must be a number, got NaN");
            } else if (Double.isInfinite(e.getValue())) {
                problems.add(field + ": must be finite");
            } else {
                any = true;
            }
        }
        if (labels.size() > MAX_LABELS) {
            problems.add("labels: " + labels.size() + " labels, at most " + MAX_LABELS);
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (e.getKey().isBlank()
                    || e.getKey().length() > 128
                    || e.getValue().length() > 1024) {
                problems.add("labels."
                        + abbreviate(e.getKey())
                        + ": names must have 1 to 128 characters, values at most 1024");
            }
        }
        if (!any) {
            problems.add("metrics: none reported (give at least one of latency, error rate, ...)");
        }
        return problems;
    }

    private static void checkValue(String field, double v, boolean ratio, List<String> problems) {
        if (Double.isInfinite(v)) {
            problems.add(field + ": must be finite, got " + v);
        } else if (v < 0) {
            problems.add(field + ": must not be negative, got " + v);
        } else if (ratio && v > 1) {
            problems.add(field + ": is a fraction between 0 and 1, got " + v);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** Builds a valid event; unset standard metrics stay "not reported". */
    public static final class Builder {
        private final String service;
        private final Instant timestamp;
        private final double[] values = new double[Metric.all().length];
        private final Map<String, Double> custom = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();

        private Builder(String service, Instant timestamp) {
            this.service = service;
            this.timestamp = timestamp;
            java.util.Arrays.fill(values, Double.NaN);
        }

        /** Sets a standard metric; NaN is refused here because it would read as "not reported". */
        public Builder metric(Metric metric, double value) {
            if (Double.isNaN(value)) {
                problems.add(metric.key() + ": must be a number, got NaN");
            }
            values[metric.ordinal()] = value;
            return this;
        }

        public Builder latencyP50(double ms) {
            return metric(Metric.LATENCY_P50, ms);
        }

        public Builder latencyP95(double ms) {
            return metric(Metric.LATENCY_P95, ms);
        }

        public Builder latencyP99(double ms) {
            return metric(Metric.LATENCY_P99, ms);
        }

        public Builder errorRate(double fraction) {
            return metric(Metric.ERROR_RATE, fraction);
        }

        public Builder throughput(double requestsPerSecond) {
            return metric(Metric.THROUGHPUT, requestsPerSecond);
        }

        public Builder cpuUtil(double fraction) {
            return metric(Metric.CPU_UTIL, fraction);
        }

        public Builder memoryUtil(double fraction) {
            return metric(Metric.MEMORY_UTIL, fraction);
        }

        public Builder custom(String name, double value) {
            custom.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @throws InvalidTelemetryException naming every invalid field
         */
        public TelemetryEvent build() {
            TelemetryEvent event = buildUnchecked();
            List<String> all = new ArrayList<>(problems);
            for (String p : event.problems()) {
                if (!all.contains(p)) {
                    all.add(p);
                }
            }
            if (!all.isEmpty()) {
                throw new InvalidTelemetryException(all);
            }
            return event;
        }

        /** Builds without validation: for tests that feed hostile input to the engine. */
        public TelemetryEvent buildUnchecked() {
            return new TelemetryEvent(
                    service, timestamp, values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                    custom, labels);
        }
    }
}
