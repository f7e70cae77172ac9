package dev.arf.core.scenario;

import dev.arf.core.blueprint.ApprovalRule;
import dev.arf.core.blueprint.BlueprintMetadata;
import dev.arf.core.blueprint.Comparison;
import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.PerformanceTargets;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.Quantity;
import dev.arf.core.blueprint.Resources;
import dev.arf.core.blueprint.Rollback;
import dev.arf.core.blueprint.Scaling;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Verification;
import dev.arf.core.blueprint.VerificationCheck;
import dev.arf.core.execute.Action;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.sim.CapacityCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Seed 002's five use cases as scenarios. The blueprints are seed 002's example (stage, 2–10 replicas,
 * CPU target 70 %, thresholds 80 % / 40 %, p95 target 200 ms, verification after 60 s with automatic
 * rollback on latency or errors); the loads are chosen so that the decision engine meets each use
 * case's situation, and nothing else is scripted: decisions, refusals, approvals' effects,
 * verification and rollback are ARF's own.
 */
public final class GovernedScenarioCatalog {
    private GovernedScenarioCatalog() {}

    private static final GovernanceRules RULES = new GovernanceRules(
            Set.of("scale_within_limits", "adjust_resources_within_bounds", "restart_pods"),
            List.of(new ApprovalRule("scale_beyond_limits", "target_replicas > max_replicas", List.of("devops-team"))),
            Set.of("delete_deployment", "modify_namespace", "change_rbac"));

    static ServiceBlueprint blueprint(String name, Priority priority, int max) {
        return new ServiceBlueprint(
                new BlueprintMetadata(name, "1.0.0", priority, Criticality.CRITICAL),
                Environment.STAGE,
                new Scaling(2, max, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                Resources.unspecified(),
                new PerformanceTargets(
                        Optional.empty(),
                        Optional.of(Duration.ofMillis(200)),
                        Optional.empty(),
                        OptionalDouble.of(0.01)),
                RULES,
                new Verification(
                        true,
                        Duration.ofSeconds(60),
                        List.of(
                                new VerificationCheck(
                                        "latency_p95",
                                        Comparison.LT,
                                        new Quantity.Time(Duration.ofMillis(200)),
                                        true,
                                        true),
                                new VerificationCheck(
                                        "error_rate", Comparison.LT, new Quantity.Percentage(0.01), true, true)),
                        new Rollback(true, true, true)));
    }

    private static Function<Instant, Double> steady(double rps) {
        return at -> rps;
    }

    /** Business hours begin: from 50 % to 85 % CPU on two replicas over the second minute. */
    private static Function<Instant, Double> morningRamp() {
        return at -> {
            long s = Duration.between(GovernedScenarioRunner.START, at).toSeconds();
            double f = Math.max(0, Math.min(1, (s - 60) / 60.0));
            return 2000 + f * 1400;
        };
    }

    /** A CPU-bound web tier: 1 request/s costs 0.05 % CPU; 60 ms p95 at idle. */
    private static CapacityCluster.Deployment web(String name, int replicas, Function<Instant, Double> rps) {
        return new CapacityCluster.Deployment(name, replicas, rps, 0.0005, 60, Double.MAX_VALUE, 0);
    }

    public static List<GovernedScenario> all() {
        return List.of(
                new GovernedScenario(
                        "autonomous-scaling",
                        "Autonomous scaling (seed 002 use case 1)",
                        "Business hours push frontend's CPU past 80 %: allowed within limits, scaled 2 → 3, verified.",
                        List.of(web("frontend", 2, morningRamp())),
                        List.of(blueprint("frontend", Priority.HIGH, 10)),
                        Duration.ofMinutes(6),
                        null,
                        null,
                        null,
                        "2 minutes from detection to verification"),
                new GovernedScenario(
                        "scale-beyond-limits",
                        "Scale beyond limits with an approval (seed 002 use case 2)",
                        "checkout needs a sixth replica but its blueprint allows five: the DevOps team approves,"
                                + " ARF scales, and the blueprint's max_replicas becomes 6.",
                        List.of(new CapacityCluster.Deployment(
                                "checkout", 5, steady(4000), 0.001, 45, Double.MAX_VALUE, 0)),
                        List.of(blueprint("checkout", Priority.HIGH, 5)),
                        Duration.ofMinutes(25),
                        Duration.ofMinutes(12),
                        null,
                        null,
                        "15 minutes (includes human approval)"),
                new GovernedScenario(
                        "forbidden-operation",
                        "Forbidden operation blocked (seed 002 use case 3)",
                        "An assistant proposes deleting the payments deployment: refused at once, with safer"
                                + " alternatives, and on the audit trail.",
                        List.of(web("payments", 3, steady(1800))),
                        List.of(blueprint("payments", Priority.HIGH, 10)),
                        Duration.ofMinutes(2),
                        null,
                        new Action(
                                "assistant|payments|delete",
                                HealingAction.DELETE_DEPLOYMENT,
                                "payments",
                                Map.of(),
                                "llm:assistant",
                                "payments looks idle; free its resources",
                                GovernedScenarioRunner.START,
                                0.8),
                        Duration.ofSeconds(30),
                        "under 1 second"),
                new GovernedScenario(
                        "automatic-rollback",
                        "Automatic rollback (seed 002 use case 4)",
                        "backend looks idle and is scaled 3 → 2, but each replica then queues past its"
                                + " connection limit: p95 280 ms > 200 ms, rolled back to 3, latency back to 125 ms.",
                        List.of(new CapacityCluster.Deployment("backend", 3, steady(800), 0.0011, 89, 300, 1.2)),
                        List.of(blueprint("backend", Priority.MEDIUM, 10)),
                        Duration.ofMinutes(9),
                        null,
                        null,
                        null,
                        "3.5 minutes (includes rollback and recovery)"),
                new GovernedScenario(
                        "multi-service",
                        "Multi-service management (seed 002 use case 5)",
                        "frontend at 85 % CPU is scaled 2 → 3 while backend at 45 % is left alone:"
                                + " independent decisions.",
                        List.of(web("frontend", 2, steady(3400)), web("backend", 2, steady(1800))),
                        List.of(blueprint("frontend", Priority.HIGH, 10), blueprint("backend", Priority.MEDIUM, 10)),
                        Duration.ofMinutes(4),
                        null,
                        null,
                        null,
                        "2 minutes for frontend scaling"));
    }

    public static Optional<GovernedScenario> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Whether the run ended the way the use case describes. */
    static boolean expected(
            String name,
            Map<String, Integer> replicas,
            Map<String, Duration> timings,
            List<GovernedReport.Moment> moments) {
        return switch (name) {
            case "autonomous-scaling" -> replicas.get("frontend") == 3 && timings.containsKey("verified");
            case "scale-beyond-limits" ->
                replicas.get("checkout") == 6 && timings.containsKey("approved") && timings.containsKey("verified");
            case "forbidden-operation" ->
                replicas.get("payments") == 3
                        && moments.stream().anyMatch(m -> m.text().contains("ACTION_FORBIDDEN"));
            case "automatic-rollback" ->
                replicas.get("backend") == 3 && timings.containsKey("rolled back") && timings.containsKey("verified");
            case "multi-service" -> replicas.get("frontend") == 3 && replicas.get("backend") == 2;
            default -> false;
        };
    }

    /** One sentence with the measured figure the seed quotes. */
    static String verdict(String name, Map<String, Integer> replicas, Map<String, Duration> timings) {
        return switch (name) {
            case "autonomous-scaling", "multi-service" ->
                between(timings, "first decision", "verified", "from decision to verification");
            case "scale-beyond-limits" ->
                between(timings, "approval requested", "verified", "from request to verified");
            case "forbidden-operation" ->
                timings.containsKey("refused in (wall clock)")
                        ? "refused in " + timings.get("refused in (wall clock)").toNanos() / 1_000 + " µs"
                        : "not refused";
            case "automatic-rollback" ->
                between(timings, "first action executed", "verified", "from scale-down to recovery verified");
            default -> "";
        };
    }

    private static String between(Map<String, Duration> timings, String from, String to, String what) {
        Duration a = timings.get(from);
        Duration b = timings.get(to);
        if (a == null || b == null) {
            return "did not reach '" + to + "'";
        }
        Duration d = b.minus(a);
        return String.format("%dm%02ds %s", d.toMinutes(), d.toSecondsPart(), what);
    }
}
