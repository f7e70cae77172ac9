package dev.arf.lab.chaos;

import java.util.List;
import java.util.Objects;

/**
 * Where an experiment's fault lands: some instances of one service, every instance of one service, or
 * every instance in one zone (of the listed services, or of every service).
 */
public sealed interface BlastRadius {
    /** {@code instance}, {@code service} or {@code zone}, as in experiment files. */
    String scope();

    /** {@code count} instances of {@code service}, picked with the run's seed. */
    record Instances(String service, int count) implements BlastRadius {
        public Instances {
            Objects.requireNonNull(service, "service");
            if (count < 1) {
                throw new IllegalArgumentException("instances: at least 1, got " + count);
            }
        }

        @Override
        public String scope() {
            return "instance";
        }
    }

    record Service(String service) implements BlastRadius {
        public Service {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String scope() {
            return "service";
        }
    }

    /** Every instance placed in {@code zone}; of {@code services}, or of every service when empty. */
    record Zone(String zone, List<String> services) implements BlastRadius {
        public Zone {
            Objects.requireNonNull(zone, "zone");
            services = List.copyOf(services);
        }

        @Override
        public String scope() {
            return "zone";
        }
    }
}
