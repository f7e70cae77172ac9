package dev.arf.core.incident;

/** Incident lifecycle: OPEN → (ACKNOWLEDGED) → (MITIGATING) → RESOLVED. */
public enum IncidentState {
    OPEN,
    ACKNOWLEDGED,
    MITIGATING,
    RESOLVED;

    public boolean isOpen() {
        return this != RESOLVED;
    }
}
