package dev.arf.lab.chaos;

import dev.arf.config.ConfigException;
import dev.arf.config.ConfigProblem;
import dev.arf.config.ValidatedYaml;
import dev.arf.core.blueprint.Units;
import dev.arf.core.sim.Fleet;
import dev.arf.core.sim.FleetCatalog;
import dev.arf.core.sim.ServiceSpec;
import dev.arf.core.telemetry.Metric;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Loads chaos experiments from YAML validated against {@code /schemas/chaos-experiment.schema.json}
 * (published in this module's jar), then checks what a schema cannot: the fault's parameters for its
 * type, the blast radius against the simulated fleet ({@link FleetCatalog#standard()}: its services,
 * replicas and {@link Fleet#ZONES}), units (durations {@code 10m}, ratios {@code 5%}, latencies {@code
 * 500ms}), and each check's threshold and scope.
 *
 * <p>Either the experiment loads, or a {@link ConfigException} lists every problem found, each as
 * {@code file:line:column: field: message}. No other exception escapes for any input (a Jazzer fuzz
 * test holds it to that). Thread-safe; build one and reuse it.
 */
public final class ExperimentLoader {
    public static final String SCHEMA_RESOURCE = "/schemas/chaos-experiment.schema.json";

    static final Duration DEFAULT_WARM_UP = Duration.ofMinutes(10);
    static final Duration DEFAULT_OBSERVE = Duration.ofMinutes(30);
    private static final Duration LONGEST = Duration.ofHours(24);

    private final ValidatedYaml yaml =
            new ValidatedYaml("chaos experiment file", "a mapping with 'kind: ChaosExperiment'", SCHEMA_RESOURCE);
    private final Map<String, ServiceSpec> fleet = new LinkedHashMap<>();

    public ExperimentLoader() {
        FleetCatalog.standard().forEach(s -> fleet.put(s.name(), s));
    }

    /** @throws ConfigException with every problem found */
    public ChaosExperiment load(Path file) {
        Objects.requireNonNull(file, "file");
        return load(yaml.read(file));
    }

    /** @throws ConfigException with every problem found; {@code sourceName} names the text in them */
    public ChaosExperiment load(String text, String sourceName) {
        return load(yaml.read(text, sourceName));
    }

    /** @throws ConfigException with every problem found; {@code sourceName} names the bytes in them */
    public ChaosExperiment load(byte[] utf8, String sourceName) {
        return load(yaml.read(utf8, sourceName));
    }

    private ChaosExperiment load(ValidatedYaml.Document doc) {
        Reading r = new Reading(doc);
        JsonNode root = doc.tree();
        FaultSpec fault = r.fault(root.get("fault"));
        BlastRadius radius = r.radius(root.get("blast_radius"), fault);
        Duration warmUp = r.duration("/warm_up", DEFAULT_WARM_UP, false);
        Duration duration = r.duration("/duration", null, true);
        Duration observe = r.duration("/observe", DEFAULT_OBSERVE, false);
        List<HealthCheck> steady = r.checks("/steady_state", false);
        List<HealthCheck> safety = r.checks("/safety", true);
        if (!r.problems.isEmpty()) {
            throw new ConfigException(r.problems);
        }
        if (fault == null || radius == null || duration == null) {
            // every path to null adds a problem; still explained rather than a crash
            throw new ConfigException(List.of(doc.problem("", "the experiment was refused")));
        }
        return new ChaosExperiment(
                root.get("name").asString(),
                root.has("description") ? root.get("description").asString() : "",
                fault,
                radius,
                warmUp,
                duration,
                observe,
                steady,
                safety);
    }

    /** One document's semantic checks, collecting every problem. */
    private final class Reading {
        final ValidatedYaml.Document doc;
        final List<ConfigProblem> problems = new ArrayList<>();

        Reading(ValidatedYaml.Document doc) {
            this.doc = doc;
        }

        void problem(String pointer, String message) {
            problems.add(doc.problem(pointer, message));
        }

        FaultSpec fault(JsonNode node) {
            ExperimentKind kind =
                    ExperimentKind.byKey(node.get("type").asString()).orElseThrow();
            Map<String, Boolean> wanted = new LinkedHashMap<>();
            wanted.put("latency", kind == ExperimentKind.LATENCY_INJECTION);
            wanted.put("error_rate", kind == ExperimentKind.ERROR_INJECTION);
            wanted.put("resource", kind == ExperimentKind.RESOURCE_EXHAUSTION);
            wanted.put("amount", kind == ExperimentKind.RESOURCE_EXHAUSTION);
            boolean complete = true;
            for (Map.Entry<String, Boolean> w : wanted.entrySet()) {
                if (w.getValue() && !node.has(w.getKey())) {
                    problem("/fault", "missing '" + w.getKey() + "', which " + kind.key() + " needs");
                    complete = false;
                } else if (!w.getValue() && node.has(w.getKey())) {
                    problem("/fault/" + w.getKey(), "'" + w.getKey() + "' does not apply to " + kind.key());
                }
            }
            if (!complete) {
                return null;
            }
            try {
                return switch (kind) {
                    case LATENCY_INJECTION -> {
                        Duration latency = parse("/fault/latency", Units::latency);
                        if (latency != null && latency.compareTo(Duration.ofMinutes(1)) > 0) {
                            problem("/fault/latency", "at most 1m of added latency");
                            yield null;
                        }
                        yield latency == null ? null : new FaultSpec.LatencyInjection(latency);
                    }
                    case ERROR_INJECTION -> {
                        Double rate = parse("/fault/error_rate", Units::percentage);
                        if (rate != null && rate == 0) {
                            problem("/fault/error_rate", "must be more than 0%");
                            yield null;
                        }
                        yield rate == null ? null : new FaultSpec.ErrorInjection(rate);
                    }
                    case RESOURCE_EXHAUSTION -> {
                        FaultSpec.ResourceExhaustion.Resource resource =
                                node.get("resource").asString().equals("cpu")
                                        ? FaultSpec.ResourceExhaustion.Resource.CPU
                                        : FaultSpec.ResourceExhaustion.Resource.MEMORY;
                        Double amount = parse("/fault/amount", Units::percentage);
                        double max = resource == FaultSpec.ResourceExhaustion.Resource.CPU ? 0.95 : 1;
                        if (amount != null && !(amount > 0 && amount <= max)) {
                            problem(
                                    "/fault/amount",
                                    "must be more than 0% and at most " + Math.round(max * 100) + "% for "
                                            + node.get("resource").asString());
                            yield null;
                        }
                        yield amount == null ? null : new FaultSpec.ResourceExhaustion(resource, amount);
                    }
                    case INSTANCE_KILL -> new FaultSpec.InstanceKill();
                    case NETWORK_PARTITION -> new FaultSpec.NetworkPartition();
                    case DEPENDENCY_FAILURE -> new FaultSpec.DependencyFailure();
                };
            } catch (IllegalArgumentException e) {
                problem("/fault", e.getMessage());
                return null;
            }
        }

        BlastRadius radius(JsonNode node, FaultSpec fault) {
            String scope = node.get("scope").asString();
            Map<String, Boolean> wanted = new LinkedHashMap<>();
            wanted.put("service", !scope.equals("zone"));
            wanted.put("instances", scope.equals("instance"));
            wanted.put("zone", scope.equals("zone"));
            boolean complete = true;
            for (Map.Entry<String, Boolean> w : wanted.entrySet()) {
                if (w.getValue() && !node.has(w.getKey())) {
                    problem("/blast_radius", "missing '" + w.getKey() + "', which scope " + scope + " needs");
                    complete = false;
                } else if (!w.getValue() && node.has(w.getKey())) {
                    problem("/blast_radius/" + w.getKey(), "'" + w.getKey() + "' does not apply to scope " + scope);
                }
            }
            if (node.has("services") && !scope.equals("zone")) {
                problem("/blast_radius/services", "'services' applies only to scope zone");
            }
            if (fault != null
                    && (fault.kind() == ExperimentKind.NETWORK_PARTITION
                            || fault.kind() == ExperimentKind.DEPENDENCY_FAILURE)
                    && !scope.equals("service")) {
                problem(
                        "/blast_radius/scope",
                        fault.kind().key() + " happens to a whole service: use scope service, not " + scope);
                complete = false;
            }
            if (!complete) {
                return null;
            }
            return switch (scope) {
                case "instance" -> {
                    String service = knownService("/blast_radius/service", node.get("service"));
                    int count = node.get("instances").asInt();
                    if (service != null && count > fleet.get(service).replicas()) {
                        problem(
                                "/blast_radius/instances",
                                service + " runs " + fleet.get(service).replicas() + " instances; cannot pick "
                                        + count);
                        yield null;
                    }
                    yield service == null ? null : new BlastRadius.Instances(service, count);
                }
                case "service" -> {
                    String service = knownService("/blast_radius/service", node.get("service"));
                    yield service == null ? null : new BlastRadius.Service(service);
                }
                default -> {
                    String zone = node.get("zone").asString();
                    boolean ok = true;
                    if (!Fleet.ZONES.contains(zone)) {
                        problem(
                                "/blast_radius/zone",
                                "unknown zone '" + zone + "'; the fleet spreads over " + Fleet.ZONES);
                        ok = false;
                    }
                    List<String> services = new ArrayList<>();
                    JsonNode list = node.get("services");
                    if (list != null) {
                        for (int i = 0; i < list.size(); i++) {
                            String s = knownService("/blast_radius/services/" + i, list.get(i));
                            ok &= s != null;
                            services.add(s);
                        }
                    }
                    yield ok ? new BlastRadius.Zone(zone, services) : null;
                }
            };
        }

        String knownService(String pointer, JsonNode node) {
            String name = node.asString();
            if (!fleet.containsKey(name)) {
                problem(
                        pointer,
                        "unknown service '" + abbreviate(name) + "'; the simulated fleet runs " + fleet.keySet());
                return null;
            }
            return name;
        }

        Duration duration(String pointer, Duration fallback, boolean positive) {
            JsonNode node = doc.tree().at(pointer);
            if (node.isMissingNode()) {
                return fallback;
            }
            Duration d = parse(pointer, Units::duration);
            if (d == null) {
                return null;
            }
            if (positive && d.isZero()) {
                problem(pointer, "must be more than zero");
                return null;
            }
            if (d.compareTo(LONGEST) > 0) {
                problem(pointer, "at most 24h");
                return null;
            }
            return d;
        }

        List<HealthCheck> checks(String pointer, boolean safety) {
            JsonNode list = doc.tree().at(pointer);
            List<HealthCheck> checks = new ArrayList<>();
            for (int i = 0; !list.isMissingNode() && i < list.size(); i++) {
                HealthCheck check = check(pointer + "/" + i, list.get(i), safety);
                if (check != null) {
                    checks.add(check);
                }
            }
            return checks;
        }

        HealthCheck check(String at, JsonNode node, boolean safety) {
            Metric metric = Metric.byKey(node.get("metric").asString()).orElseThrow();
            boolean below = node.has("below");
            if (below == node.has("above")) {
                problem(at, "give exactly one of 'below' and 'above'");
                return null;
            }
            if (node.has("services") && node.has("scope")) {
                problem(at + "/scope", "give 'services' or 'scope', not both");
                return null;
            }
            if (!safety && node.has("for")) {
                problem(at + "/for", "'for' applies only to safety checks");
                return null;
            }
            String key = below ? "below" : "above";
            Double threshold = threshold(at + "/" + key, metric, node.get(key));
            HealthCheck.Scope scope = HealthCheck.Scope.ALL;
            List<String> services = new ArrayList<>();
            boolean ok = threshold != null;
            if (node.has("services")) {
                scope = HealthCheck.Scope.SERVICES;
                JsonNode list = node.get("services");
                for (int i = 0; i < list.size(); i++) {
                    String s = knownService(at + "/services/" + i, list.get(i));
                    ok &= s != null;
                    services.add(s);
                }
            } else if (node.has("scope")) {
                scope = switch (node.get("scope").asString()) {
                    case "blast_radius" -> HealthCheck.Scope.BLAST_RADIUS;
                    case "outside_blast_radius" -> HealthCheck.Scope.OUTSIDE_BLAST_RADIUS;
                    default -> HealthCheck.Scope.ALL;
                };
            }
            Duration sustained = Duration.ZERO;
            if (node.has("for")) {
                sustained = parse(at + "/for", Units::duration);
                ok &= sustained != null;
            }
            return ok ? new HealthCheck(metric, below, threshold, scope, services, sustained) : null;
        }

        /** A ratio as a percentage, a latency as a duration, throughput as a number. */
        Double threshold(String pointer, Metric metric, JsonNode value) {
            if (metric.isRatio()) {
                if (value.isNumber()) {
                    double v = value.asDouble();
                    if (v >= 0 && v <= 1) {
                        return v;
                    }
                    problem(pointer, "a ratio is a percentage such as 5% (or a fraction from 0 to 1), got " + v);
                    return null;
                }
                return parse(pointer, Units::percentage);
            }
            if (metric.unit().equals("ms")) {
                if (value.isNumber()) {
                    problem(pointer, "write a latency with its unit, such as 500ms or 2s");
                    return null;
                }
                Duration d = parse(pointer, Units::latency);
                return d == null ? null : (double) d.toMillis();
            }
            if (!value.isNumber() || value.asDouble() < 0) {
                problem(pointer, "throughput is a number of requests per second, at least 0");
                return null;
            }
            return value.asDouble();
        }

        /** Parses the text at {@code pointer}, reporting the parser's explanation there on failure. */
        <T> T parse(String pointer, java.util.function.Function<String, T> parser) {
            JsonNode node = doc.tree().at(pointer);
            if (!node.isString()) {
                problem(pointer, "expected a text such as 10m, 5% or 500ms");
                return null;
            }
            try {
                return parser.apply(node.asString());
            } catch (IllegalArgumentException e) {
                problem(pointer, abbreviate(e.getMessage()));
                return null;
            }
        }
    }

    private static String abbreviate(String s) {
        String oneLine = String.valueOf(s).replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "…";
    }
}
