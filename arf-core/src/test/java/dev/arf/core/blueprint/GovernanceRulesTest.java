package dev.arf.core.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GovernanceRulesTest {
    private final GovernanceRules rules = new GovernanceRules(
            Set.of("scale_within_limits", "restart_pods", "scale_beyond_limits", "delete_deployment"),
            List.of(new ApprovalRule("scale_beyond_limits", "target_replicas > max_replicas", List.of("devops-team"))),
            Set.of("delete_deployment", "change_rbac"));

    @Test
    void allowedOperationsRunAutonomously() {
        assertThat(rules.tierOf("restart_pods")).isEqualTo(Tier.AUTONOMOUS);
    }

    @Test
    void anOperationUnderAnApprovalRuleNeedsApprovalEvenIfAlsoAllowed() {
        assertThat(rules.tierOf("scale_beyond_limits")).isEqualTo(Tier.REQUIRES_APPROVAL);
        assertThat(rules.approvalRulesFor("scale_beyond_limits"))
                .singleElement()
                .extracting(ApprovalRule::approvers)
                .isEqualTo(List.of("devops-team"));
    }

    @Test
    void forbiddenWinsOverAllowedAndApproval() {
        assertThat(rules.tierOf("delete_deployment")).isEqualTo(Tier.FORBIDDEN);
        GovernanceRules everywhere =
                new GovernanceRules(Set.of("x"), List.of(new ApprovalRule("x", "", List.of("ops"))), Set.of("x"));
        assertThat(everywhere.tierOf("x")).isEqualTo(Tier.FORBIDDEN);
    }

    @Test
    void unknownOperationsAreNotAllowedNeverAutonomous() {
        assertThat(rules.tierOf("drop_database")).isEqualTo(Tier.NOT_ALLOWED);
        assertThat(rules.tierOf("")).isEqualTo(Tier.NOT_ALLOWED);
        assertThat(GovernanceRules.none().tierOf("restart_pods")).isEqualTo(Tier.NOT_ALLOWED);
    }

    @Test
    void globalRulesForbidWhatTheServiceAllows() {
        GovernanceRules global = new GovernanceRules(Set.of(), List.of(), Set.of("restart_pods"));
        GovernanceRules combined = rules.and(global);
        assertThat(combined.tierOf("restart_pods")).isEqualTo(Tier.FORBIDDEN);
        assertThat(combined.tierOf("scale_within_limits")).isEqualTo(Tier.AUTONOMOUS);
        assertThat(global.and(rules).tierOf("restart_pods")).isEqualTo(Tier.FORBIDDEN);
    }

    @Test
    void aServiceIsGovernedByTheGlobalRulesOfItsOwnEnvironmentOnly() {
        var meta = new BlueprintMetadata("global", "1.0.0", Priority.MEDIUM, Criticality.STANDARD);
        var prodGlobal = new GlobalBlueprint(
                meta, Environment.PROD, new GovernanceRules(Set.of(), List.of(), Set.of("restart_pods")));
        var devGlobal = new GlobalBlueprint(meta, Environment.DEV, prodGlobal.governance());
        var service = new ServiceBlueprint(
                new BlueprintMetadata("checkout", "1.0.0", Priority.HIGH, Criticality.CRITICAL),
                Environment.PROD,
                new Scaling(2, 10, 0.7, java.util.OptionalDouble.empty(), 0.8, 0.4),
                Resources.unspecified(),
                PerformanceTargets.none(),
                rules,
                Verification.disabled());
        assertThat(service.governedBy(prodGlobal).tierOf("restart_pods")).isEqualTo(Tier.FORBIDDEN);
        assertThat(service.governedBy(devGlobal).tierOf("restart_pods")).isEqualTo(Tier.AUTONOMOUS);
    }
}
