package dev.arf.core.sim;

import dev.arf.core.telemetry.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The declared shape of one simulated service: who it calls, how much traffic it normally sees and
 * how much it can serve. Business settings (revenue per request, users) belong to the engine, not
 * here.
 *
 * @param dependencies downstream services every request calls once, in order
 * @param baselineLoad requests per second at the daily average, with every caller healthy
 * @param capacityPerReplica requests per second one replica serves at 100% utilisation
 * @param baseLatencyMs median service time with no queueing, excluding time spent in dependencies
 * @param baseErrorRate fraction of requests that fail when all is well
 * @param baseCpu CPU fraction an idle replica uses
 * @param baseMemory memory fraction an idle replica uses
 * @param version the running version before any deploy, reported in the {@code version} label
 */
public record ServiceSpec(
        String name,
        List<String> dependencies,
        double baselineLoad,
        double capacityPerReplica,
        int replicas,
        int minReplicas,
        int maxReplicas,
        double baseLatencyMs,
        double baseErrorRate,
        double baseCpu,
        double baseMemory,
        String version) {

    /** @throws IllegalArgumentException naming every invalid field at once */
    public ServiceSpec {
        dependencies = List.copyOf(Objects.requireNonNull(dependencies, "dependencies"));
        List<String> problems = new ArrayList<>();
        if (name == null || !TelemetryEvent.SERVICE_NAME.matcher(name).matches()) {
            problems.add("name: '" + name + "' is not a valid service name");
        }
        if (dependencies.contains(name)) {
            problems.add("dependencies: a service cannot depend on itself");
        }
        if (dependencies.stream().distinct().count() != dependencies.size()) {
            problems.add("dependencies: listed twice in " + dependencies);
        }
        if (!(baselineLoad > 0) || Double.isInfinite(baselineLoad)) {
            problems.add("baselineLoad: must be a positive number of requests per second, got " + baselineLoad);
        }
        if (!(capacityPerReplica > 0) || Double.isInfinite(capacityPerReplica)) {
            problems.add("capacityPerReplica: must be positive, got " + capacityPerReplica);
        }
        if (minReplicas < 1 || minReplicas > replicas || replicas > maxReplicas) {
            problems.add("replicas: need 1 <= min <= replicas <= max, got min " + minReplicas + ", replicas " + replicas
                    + ", max " + maxReplicas);
        }
        if (!(baseLatencyMs > 0) || Double.isInfinite(baseLatencyMs)) {
            problems.add("baseLatencyMs: must be positive, got " + baseLatencyMs);
        }
        if (!(baseErrorRate >= 0 && baseErrorRate <= 0.5)) {
            problems.add("baseErrorRate: must be within [0, 0.5], got " + baseErrorRate);
        }
        if (!(baseCpu >= 0 && baseCpu <= 0.9)) {
            problems.add("baseCpu: must be within [0, 0.9], got " + baseCpu);
        }
        if (!(baseMemory >= 0 && baseMemory <= 0.9)) {
            problems.add("baseMemory: must be within [0, 0.9], got " + baseMemory);
        }
        if (version == null || version.isBlank()) {
            problems.add("version: missing");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid service spec: " + String.join("; ", problems));
        }
    }

    /** Starts a spec with modest defaults (one dependency-free replica pool of 3, version v1). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Fluent construction, since a dozen positional numbers are easy to swap by mistake. */
    public static final class Builder {
        private final String name;
        private List<String> dependencies = List.of();
        private double baselineLoad = 100;
        private double capacityPerReplica = 100;
        private int replicas = 3;
        private int minReplicas = 1;
        private int maxReplicas = 10;
        private double baseLatencyMs = 10;
        private double baseErrorRate = 0.002;
        private double baseCpu = 0.1;
        private double baseMemory = 0.4;
        private String version = "v1";

        private Builder(String name) {
            this.name = name;
        }

        public Builder dependsOn(String... services) {
            this.dependencies = List.of(services);
            return this;
        }

        public Builder baselineLoad(double requestsPerSecond) {
            this.baselineLoad = requestsPerSecond;
            return this;
        }

        public Builder capacityPerReplica(double requestsPerSecond) {
            this.capacityPerReplica = requestsPerSecond;
            return this;
        }

        public Builder replicas(int min, int initial, int max) {
            this.minReplicas = min;
            this.replicas = initial;
            this.maxReplicas = max;
            return this;
        }

        public Builder baseLatencyMs(double ms) {
            this.baseLatencyMs = ms;
            return this;
        }

        public Builder baseErrorRate(double fraction) {
            this.baseErrorRate = fraction;
            return this;
        }

        public Builder baseCpu(double fraction) {
            this.baseCpu = fraction;
            return this;
        }

        public Builder baseMemory(double fraction) {
            this.baseMemory = fraction;
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public ServiceSpec build() {
            return new ServiceSpec(
                    name,
                    dependencies,
                    baselineLoad,
                    capacityPerReplica,
                    replicas,
                    minReplicas,
                    maxReplicas,
                    baseLatencyMs,
                    baseErrorRate,
                    baseCpu,
                    baseMemory,
                    version);
        }
    }
}
