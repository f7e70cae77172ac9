package dev.arf.core.engine;

import dev.arf.core.agents.Cause;
import java.util.List;

/** What a seasoned on-call would try first for each cause category. */
final class Recommendations {
    private Recommendations() {}

    static List<String> forCause(Cause cause, String service) {
        return switch (cause) {
            case DEPENDENCY_FAILURE ->
                List.of(
                        "Open a circuit breaker from " + service + " to its failing dependency",
                        "Check the dependency's health and connection pool",
                        "Alert the owning team of the dependency");
            case DATABASE_FAILURE ->
                List.of(
                        "Shed load: open circuit breakers in front of " + service,
                        "Check connection pool saturation, locks and slow queries",
                        "Fail over to a replica if the primary is unhealthy");
            case RESOURCE_EXHAUSTION ->
                List.of(
                        "Scale out " + service + " to spread the load",
                        "Look for a hot loop or runaway job on the saturated instances",
                        "Raise resource limits if the service is throttled");
            case TRAFFIC_SURGE ->
                List.of(
                        "Scale out " + service + " ahead of the surge",
                        "Shift traffic to spare capacity or enable rate limiting",
                        "Check whether the surge is legitimate (campaign) or abusive");
            case MEMORY_LEAK ->
                List.of(
                        "Restart the leaking instances of " + service + " to buy time",
                        "Capture a heap dump before the restart",
                        "Roll back if the leak started with a recent deploy");
            case BAD_DEPLOY ->
                List.of(
                        "Roll back " + service + " to the previous version",
                        "Halt the rollout pipeline",
                        "Compare error logs between the two versions");
            case NETWORK_PARTITION ->
                List.of(
                        "Shift traffic away from the partitioned zone",
                        "Open circuit breakers to unreachable peers",
                        "Check recent network, DNS or firewall changes");
            case UNKNOWN ->
                List.of(
                        "Alert the on-call team with the evidence gathered",
                        "Compare with recent changes (deploys, config, traffic)");
        };
    }
}
