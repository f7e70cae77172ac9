package dev.arf.cli;

import dev.arf.core.detect.DetectorSettings;
import dev.arf.core.engine.AnalysisResult;
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.telemetry.InvalidTelemetryException;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "analyze",
        description = {
            "Analyse one observation of a service and explain the result.",
            "One observation has no duration: threshold rules apply without their 'for' durations and without"
                    + " hysteresis. The service's learned baseline is used when the store has one;"
                    + " nothing is written to the store."
        },
        mixinStandardHelpOptions = true)
final class AnalyzeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--service", required = true, description = "Service name.")
    String service;

    @Option(
            names = {"--latency", "--latency-p99"},
            paramLabel = "MS",
            description = "p99 latency in ms.")
    Double latencyP99;

    @Option(names = "--latency-p50", paramLabel = "MS", description = "p50 latency in ms.")
    Double latencyP50;

    @Option(names = "--latency-p95", paramLabel = "MS", description = "p95 latency in ms.")
    Double latencyP95;

    @Option(names = "--error-rate", paramLabel = "0..1", description = "Share of failed requests.")
    Double errorRate;

    @Option(names = "--throughput", paramLabel = "REQ/S", description = "Requests per second.")
    Double throughput;

    @Option(names = "--cpu", paramLabel = "0..1", description = "CPU utilisation.")
    Double cpu;

    @Option(names = "--memory", paramLabel = "0..1", description = "Memory utilisation.")
    Double memory;

    @Option(names = "--custom", paramLabel = "NAME=VALUE", description = "A custom metric (repeatable).")
    Map<String, Double> custom = new LinkedHashMap<>();

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "A label (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print the result document as JSON.")
    boolean json;

    @Option(names = "--no-store", description = "Do not open the store (no learned baseline, nothing saved).")
    boolean noStore;

    @Mixin
    DataOptions data;

    @Mixin
    PolicyOptions policies;

    @Override
    public Integer call() {
        TelemetryEvent event;
        try {
            TelemetryEvent.Builder b = TelemetryEvent.builder(service, Instant.now());
            if (latencyP50 != null) b.latencyP50(latencyP50);
            if (latencyP95 != null) b.latencyP95(latencyP95);
            if (latencyP99 != null) b.latencyP99(latencyP99);
            if (errorRate != null) b.errorRate(errorRate);
            if (throughput != null) b.throughput(throughput);
            if (cpu != null) b.cpuUtil(cpu);
            if (memory != null) b.memoryUtil(memory);
            custom.forEach(b::custom);
            labels.forEach(b::label);
            event = b.build();
        } catch (InvalidTelemetryException e) {
            spec.commandLine().getErr().println("arf analyze: invalid observation:");
            e.problems().forEach(p -> spec.commandLine().getErr().println("  --" + p.replaceFirst("_", "-")));
            return 2;
        }
        try (ReliabilityStore store = noStore ? ReliabilityStore.NONE : data.open();
                ReliabilityEngine engine = ReliabilityEngine.builder()
                        .clock(Clock.systemUTC())
                        .detectorSettings(DetectorSettings.defaults().forSingleObservation())
                        .baselines(store::snapshot)
                        .policies(policies.load())
                        .build()) {
            AnalysisResult result = engine.process(event);
            if (json) {
                spec.commandLine().getOut().println(Json.write(result));
            } else {
                ResultPrinter.print(result, spec.commandLine().getOut());
            }
            return result.status() == AnalysisResult.Status.REJECTED ? 2 : 0;
        }
    }
}
