package dev.arf.lab.replay;

import dev.arf.core.agents.Cause;
import dev.arf.core.agents.ServiceProfile;
import dev.arf.core.detect.DetectorSettings;
import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.incident.Incident;
import dev.arf.core.policy.DefaultPolicies;
import dev.arf.core.policy.HealingPolicy;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays an outage timeline through ARF's real engine — default detectors (threshold rules,
 * adaptive baselines, Random Cut Forest, forecasts), the four agents, incident tracking and the
 * healing policies — on a virtual clock. The engine has no actuator: what the policies propose is
 * recorded ({@code NO_ACTUATOR}), nothing is acted on. A fresh engine per replay, so replays do not
 * learn from one another.
 */
public final class OutageReplayer {
    private final ReplaySettings settings;
    private final DetectorSettings detectorSettings;
    private final List<HealingPolicy> policies;

    public OutageReplayer(ReplaySettings settings, DetectorSettings detectorSettings, List<HealingPolicy> policies) {
        this.settings = settings;
        this.detectorSettings = detectorSettings;
        this.policies = List.copyOf(policies);
    }

    /** ARF's defaults: {@link ReplaySettings#defaults()}, the default detectors and built-in policies. */
    public OutageReplayer() {
        this(ReplaySettings.defaults(), DetectorSettings.defaults(), DefaultPolicies.all());
    }

    public ReplaySettings settings() {
        return settings;
    }

    /** The timeline as reconstructed, and (when it has points before impact) with an abrupt onset. */
    public OutageReplay replayBoth(OutageTimeline timeline) {
        Optional<OutageTimeline> abrupt = timeline.withAbruptOnset();
        return new OutageReplay(replay(timeline), abrupt.map(this::replay));
    }

    public ReplayResult replay(OutageTimeline timeline) {
        List<ReplayedSample> samples = TelemetryTrack.of(timeline, settings);
        Instant impactAt = TelemetryTrack.instantOf(timeline, settings, timeline.impactStartMinute());
        VirtualClock clock = new VirtualClock(samples.get(0).at());
        Finding detection = null;
        Instant openedAt = null;
        Finding diagnosis = null;
        Finding last = null;
        List<String> incidents = new ArrayList<>();
        int duringLeadIn = 0;
        ServiceProfile profile = timeline.profile().orElse(ServiceProfile.DEFAULT);
        try (ReliabilityEngine engine = ReliabilityEngine.builder()
                .clock(clock)
                .detectorSettings(detectorSettings)
                .policies(policies)
                .defaultProfile(profile)
                .build()) {
            for (ReplayedSample sample : samples) {
                clock.setTo(sample.at());
                AnalysisResult result = engine.process(event(timeline.service(), sample));
                if (result.status() == AnalysisResult.Status.REJECTED) {
                    throw new IllegalStateException("the engine refused a replayed event: " + result.problems());
                }
                if (!result.isAnomaly()) {
                    continue;
                }
                double minute = minutesFrom(impactAt, sample.at());
                String id = result.incidentId();
                if (id != null && !incidents.contains(id)) {
                    incidents.add(id);
                    if (sample.leadIn()) {
                        duringLeadIn++;
                    }
                    if (detection == null) {
                        Incident incident = engine.incident(id).orElseThrow();
                        openedAt = incident.detectedAt();
                        detection = Finding.of(result, minutesFrom(impactAt, openedAt));
                    }
                }
                Finding finding = Finding.of(result, minute);
                if (diagnosis == null && !finding.cause().equals(Cause.UNKNOWN.key())) {
                    diagnosis = finding;
                }
                last = finding;
            }
        }
        return new ReplayResult(
                timeline,
                settings,
                impactAt,
                Optional.ofNullable(detection),
                Optional.ofNullable(openedAt),
                Optional.ofNullable(diagnosis),
                Optional.ofNullable(last),
                incidents,
                duringLeadIn,
                samples);
    }

    private static double minutesFrom(Instant impactAt, Instant at) {
        return Duration.between(impactAt, at).toMillis() / 60_000.0;
    }

    private static TelemetryEvent event(String service, ReplayedSample sample) {
        TelemetryEvent.Builder b = TelemetryEvent.builder(service, sample.at());
        for (Map.Entry<Metric, Double> e : sample.values().entrySet()) {
            double v = e.getValue();
            switch (e.getKey()) {
                case LATENCY_P50 -> b.latencyP50(v);
                case LATENCY_P95 -> b.latencyP95(v);
                case LATENCY_P99 -> b.latencyP99(v);
                case ERROR_RATE -> b.errorRate(v);
                case THROUGHPUT -> b.throughput(v);
                case CPU_UTIL -> b.cpuUtil(v);
                case MEMORY_UTIL -> b.memoryUtil(v);
            }
        }
        return b.label("replay", "true").build();
    }
}
