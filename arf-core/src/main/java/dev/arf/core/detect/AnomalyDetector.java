package dev.arf.core.detect;

import dev.arf.core.telemetry.TelemetryEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Streaming anomaly detection for many services: threshold rules with {@code for} durations
 * (Prometheus semantics on event time), robust adaptive baselines, a Random Cut Forest over the
 * shingled metric vector, trend forecasts towards critical thresholds, fused into one explained
 * {@link Detection} per event with a hysteresis-filtered verdict.
 *
 * <p><b>Not thread-safe.</b> One instance per engine; the engine must serialise calls (it processes
 * each service's events in order on one thread at a time, and calls for different services must not
 * overlap either, because they share the service map).
 *
 * <p>Deterministic: the same settings (seed included) and the same events in the same order give
 * identical detections. Events must be valid ({@link TelemetryEvent#problems()} empty); a standard
 * metric that is NaN was not reported and is skipped. An event older than the newest one seen for
 * its service is judged but changes no state (see {@code ServiceDetector}).
 */
public final class AnomalyDetector {
    private final DetectorSettings settings;
    private final ForestCacheBudget budget;
    private final Map<String, ServiceDetector> services = new HashMap<>();

    public AnomalyDetector(DetectorSettings settings) {
        this(settings, ForestCacheBudget.of(settings.rcf()));
    }

    /** A detector drawing its forests' caches from a budget shared with other detectors. */
    public AnomalyDetector(DetectorSettings settings, ForestCacheBudget budget) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    public Detection observe(TelemetryEvent event) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(event.service(), "event.service");
        Objects.requireNonNull(event.timestamp(), "event.timestamp");
        ServiceDetector detector = services.get(event.service());
        if (detector == null) {
            detector = newService(event.service());
            services.put(event.service(), detector);
        }
        return detector.observe(event);
    }

    /** The service's learned baselines, taken at its newest event; empty for an unknown service. */
    public Optional<DetectorSnapshot> snapshot(String service) {
        ServiceDetector detector = services.get(service);
        return detector == null ? Optional.empty() : Optional.of(detector.snapshot());
    }

    /**
     * Replaces everything known about the snapshot's service by its stored baselines: rules, trends
     * and forest start afresh, and deviations are judged at once for metrics whose stored count
     * covers the warm-up. Entries for unknown metrics or with non-finite numbers are ignored.
     */
    public void restore(DetectorSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        ServiceDetector detector = newService(snapshot.service());
        detector.restore(snapshot);
        services.put(snapshot.service(), detector);
    }

    public int serviceCount() {
        return services.size();
    }

    public DetectorSettings settings() {
        return settings;
    }

    private ServiceDetector newService(String service) {
        return new ServiceDetector(service, settings, seedFor(service), budget);
    }

    /** A per-service forest seed derived from the configured one: deterministic, different per service. */
    private long seedFor(String service) {
        long z = settings.rcf().randomSeed() + 0x9E3779B97F4A7C15L * (service.hashCode() + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
