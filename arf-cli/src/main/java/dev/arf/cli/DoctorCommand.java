package dev.arf.cli;

import dev.arf.core.detect.AnomalyDetector;
import dev.arf.core.detect.Detection;
import dev.arf.core.detect.DetectorSettings;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.telemetry.TelemetryEvent;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "doctor",
        description = "Check that ARF can run here: JDK, data directory, store, detector models. Exit code 0"
                + " only when every check passes.",
        mixinStandardHelpOptions = true)
final class DoctorCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    private record Check(String name, boolean ok, String detail) {}

    @Override
    public Integer call() {
        List<Check> checks = new ArrayList<>();
        checks.add(jdk());
        if (data.storeUrl == null) {
            checks.add(dataDirectory());
        }
        checks.add(store());
        checks.add(detector());
        PrintWriter out = spec.commandLine().getOut();
        for (Check c : checks) {
            out.printf("%-4s %-15s %s%n", c.ok() ? "OK" : "FAIL", c.name(), c.detail());
        }
        boolean all = checks.stream().allMatch(Check::ok);
        out.println(all ? "All checks passed." : "Some checks failed: fix the lines marked FAIL.");
        return all ? 0 : 1;
    }

    private static Check jdk() {
        int feature = Runtime.version().feature();
        return new Check(
                "jdk",
                feature >= 21,
                "Java " + Runtime.version()
                        + (feature >= 21 ? "" : " — ARF needs Java 21 or newer; point JAVA_HOME at one"));
    }

    private Check dataDirectory() {
        try {
            Files.createDirectories(data.dataDir);
            if (!Files.isWritable(data.dataDir)) {
                return new Check("data directory", false, data.dataDir + " is not writable");
            }
            return new Check("data directory", true, data.dataDir + " (writable)");
        } catch (Exception e) {
            return new Check("data directory", false, "cannot create " + data.dataDir + ": " + e.getMessage());
        }
    }

    private Check store() {
        try (ReliabilityStore store = data.open()) {
            int open = store.incidents(true, 1000).size();
            return new Check("store", true, data.describe() + " (schema up to date, " + open + " open incidents)");
        } catch (Exception e) {
            return new Check("store", false, data.describe() + ": " + e.getMessage());
        }
    }

    /** Runs the real detectors (RCF included) on a synthetic series with one planted outlier. */
    private static Check detector() {
        try {
            AnomalyDetector detector = new AnomalyDetector(DetectorSettings.defaults());
            SplittableRandom random = new SplittableRandom(7);
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            Detection last = null;
            for (int i = 0; i < 200; i++) {
                t = t.plus(Duration.ofSeconds(15));
                double spike = i >= 196 ? 8 : 1;
                last = detector.observe(TelemetryEvent.builder("doctor-probe", t)
                        .latencyP99(100 * spike + random.nextDouble(5))
                        .errorRate(Math.min(1, 0.001 * spike * spike + random.nextDouble(0.001)))
                        .throughput(500 + random.nextDouble(20))
                        .cpuUtil(0.4 + random.nextDouble(0.02))
                        .memoryUtil(0.5)
                        .build());
            }
            boolean found = last != null && last.anomalous();
            return new Check(
                    "detector",
                    found,
                    found
                            ? String.format(
                                    "thresholds, baselines, Random Cut Forest and forecaster loaded; planted outlier found (confidence %.2f)",
                                    last.confidence())
                            : "the planted outlier was not detected: detector models are not working");
        } catch (Exception | LinkageError e) {
            return new Check("detector", false, "cannot run the detectors: " + e);
        }
    }
}
