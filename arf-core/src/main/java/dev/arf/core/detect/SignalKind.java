package dev.arf.core.detect;

/** Which detector produced a {@link Signal}. */
public enum SignalKind {
    /** A threshold rule that is pending or firing. */
    THRESHOLD,
    /** A metric far from its adaptive baseline. */
    BASELINE,
    /** The Random Cut Forest found the metric vector unusual. */
    RCF,
    /** A metric heading for its threshold. */
    FORECAST
}
