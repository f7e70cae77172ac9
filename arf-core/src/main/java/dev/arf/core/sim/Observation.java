package dev.arf.core.sim;

/** What one service looked like at the end of a tick, as its callers and the event see it. */
record Observation(
        double p50, double p95, double p99, double errorRate, double throughput, double cpu, double memory) {}
