package dev.arf.lab.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The experiments shipped in this jar as YAML under {@code /chaos/experiments/}, in a fixed order. */
public final class BuiltInExperiments {
    /** File names without {@code .yaml}; each file's {@code name} is the same. */
    static final List<String> NAMES = List.of(
            "checkout-latency",
            "payments-errors",
            "gateway-cpu-hog",
            "checkout-memory-hog",
            "gateway-instance-kill",
            "zone-a-outage",
            "cache-partition",
            "database-failure",
            "payments-errors-guarded");

    private BuiltInExperiments() {}

    public static List<ChaosExperiment> all() {
        ExperimentLoader loader = new ExperimentLoader();
        List<ChaosExperiment> all = new ArrayList<>();
        for (String name : NAMES) {
            all.add(loader.load(text(name), "chaos/experiments/" + name + ".yaml"));
        }
        return List.copyOf(all);
    }

    public static Optional<ChaosExperiment> byName(String name) {
        return NAMES.contains(name)
                ? Optional.of(new ExperimentLoader().load(text(name), "chaos/experiments/" + name + ".yaml"))
                : Optional.empty();
    }

    /** The YAML of a built-in experiment, as shipped. */
    public static String text(String name) {
        String resource = "/chaos/experiments/" + name + ".yaml";
        try (InputStream in = BuiltInExperiments.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in experiment '" + name + "'");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
