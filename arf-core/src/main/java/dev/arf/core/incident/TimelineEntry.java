package dev.arf.core.incident;

import java.time.Instant;

/** One thing that happened to an incident, in the order it happened. */
public record TimelineEntry(Instant at, Kind kind, String message) {
    public enum Kind {
        DETECTED,
        DETECTION,
        ANALYSIS,
        ACTION_PROPOSED,
        ACTION_EXECUTED,
        ACTION_REFUSED,
        ACTION_FAILED,
        ACKNOWLEDGED,
        MITIGATING,
        RECOVERING,
        RELAPSED,
        VERIFIED,
        VERIFICATION_FAILED,
        ROLLED_BACK,
        RESOLVED
    }
}
