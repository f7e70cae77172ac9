package dev.arf.core.detect;

/** How bad an anomaly or incident is, in the seed's words. Ordered from least to most severe. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
