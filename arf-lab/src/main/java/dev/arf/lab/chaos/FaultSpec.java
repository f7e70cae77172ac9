package dev.arf.lab.chaos;

import java.time.Duration;
import java.util.Objects;

/** The fault an experiment injects, with its strength; where it lands is the {@link BlastRadius}'s business. */
public sealed interface FaultSpec {
    ExperimentKind kind();

    /** Extra delay on every request served by an affected instance. */
    record LatencyInjection(Duration latency) implements FaultSpec {
        public LatencyInjection {
            if (latency == null || !latency.isPositive()) {
                throw new IllegalArgumentException("latency: must be more than zero");
            }
        }

        @Override
        public ExperimentKind kind() {
            return ExperimentKind.LATENCY_INJECTION;
        }
    }

    /** Affected instances fail this fraction of their requests. */
    record ErrorInjection(double errorRate) implements FaultSpec {
        public ErrorInjection {
            if (!(errorRate > 0 && errorRate <= 1)) {
                throw new IllegalArgumentException("error_rate: must be within (0%, 100%], got " + errorRate);
            }
        }

        @Override
        public ExperimentKind kind() {
            return ExperimentKind.ERROR_INJECTION;
        }
    }

    /** A hog takes {@code amount} of each affected instance's CPU or memory. */
    record ResourceExhaustion(Resource resource, double amount) implements FaultSpec {
        public enum Resource {
            CPU,
            MEMORY
        }

        public ResourceExhaustion {
            Objects.requireNonNull(resource, "resource");
            double max = resource == Resource.CPU ? 0.95 : 1;
            if (!(amount > 0 && amount <= max)) {
                throw new IllegalArgumentException(
                        "amount: must be within (0%, " + Math.round(max * 100) + "%], got " + amount);
            }
        }

        @Override
        public ExperimentKind kind() {
            return ExperimentKind.RESOURCE_EXHAUSTION;
        }
    }

    /** Affected instances are killed and stay down while the fault lasts. */
    record InstanceKill() implements FaultSpec {
        @Override
        public ExperimentKind kind() {
            return ExperimentKind.INSTANCE_KILL;
        }
    }

    /** The target service cannot be reached by its callers. */
    record NetworkPartition() implements FaultSpec {
        @Override
        public ExperimentKind kind() {
            return ExperimentKind.NETWORK_PARTITION;
        }
    }

    /** The target service fails (errors, latency, exhausted pools) and its callers inherit it. */
    record DependencyFailure() implements FaultSpec {
        @Override
        public ExperimentKind kind() {
            return ExperimentKind.DEPENDENCY_FAILURE;
        }
    }
}
