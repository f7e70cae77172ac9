package dev.arf.core.agents;

/**
 * Business settings of one service, for the Impact agent.
 *
 * @param revenuePerMinute revenue the service carries per minute when healthy (in the team's
 *     currency)
 * @param requestsPerUserPerMinute how many requests one active user makes per minute, to turn
 *     throughput into users
 * @param latencyBudgetMs p99 latency above which users count as affected (a slow page is a lost
 *     page)
 */
public record ServiceProfile(double revenuePerMinute, double requestsPerUserPerMinute, double latencyBudgetMs) {

    /** A mid-sized e-commerce service: $500/min, 6 requests per user per minute, 500 ms budget. */
    public static final ServiceProfile DEFAULT = new ServiceProfile(500, 6, 500);

    public ServiceProfile {
        if (!(revenuePerMinute >= 0) || !(requestsPerUserPerMinute > 0) || !(latencyBudgetMs > 0)) {
            throw new IllegalArgumentException(
                    "service profile: revenue_per_minute >= 0, requests_per_user_per_minute > 0 and"
                            + " latency_budget_ms > 0 are required");
        }
    }
}
