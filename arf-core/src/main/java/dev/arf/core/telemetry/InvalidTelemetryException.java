package dev.arf.core.telemetry;

import java.util.List;

/** A telemetry event was refused; {@link #problems()} names each invalid field and why. */
public final class InvalidTelemetryException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidTelemetryException(List<String> problems) {
        super("invalid telemetry event: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
