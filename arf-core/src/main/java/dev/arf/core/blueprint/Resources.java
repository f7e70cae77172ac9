package dev.arf.core.blueprint;

import java.util.Objects;

/** CPU bounds in cores and memory bounds in bytes. */
public record Resources(Bounds<Double> cpuCores, Bounds<Long> memoryBytes) {
    public Resources {
        Objects.requireNonNull(cpuCores, "cpuCores");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
    }

    public static Resources unspecified() {
        return new Resources(Bounds.none(), Bounds.none());
    }
}
