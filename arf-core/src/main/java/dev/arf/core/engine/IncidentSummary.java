package dev.arf.core.engine;

import dev.arf.core.detect.Severity;

/** The headline of an analysis: the fused anomaly confidence and the incident it belongs to. */
public record IncidentSummary(double anomalyConfidence, Severity severity, String incidentId, String headline) {}
