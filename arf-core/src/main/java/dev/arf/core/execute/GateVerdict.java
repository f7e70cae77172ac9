package dev.arf.core.execute;

/** The outcome of an {@link ActionGate}: a refusal is a value with a reason code, not an exception. */
public sealed interface GateVerdict {
    record Allow() implements GateVerdict {}

    record Deny(String reasonCode, String explanation) implements GateVerdict {}
}
