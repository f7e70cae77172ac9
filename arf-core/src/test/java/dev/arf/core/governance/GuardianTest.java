package dev.arf.core.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.ApprovalRule;
import dev.arf.core.blueprint.BlueprintMetadata;
import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.GlobalBlueprint;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.PerformanceTargets;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.Resources;
import dev.arf.core.blueprint.Scaling;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Verification;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.GateVerdict;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GuardianTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private final VirtualClock clock = new VirtualClock(T0);
    private int keys;

    private static final GovernanceRules CHECKOUT_RULES = new GovernanceRules(
            Set.of(
                    "scale_within_limits",
                    "restart_pods",
                    "rollback_deployment",
                    "shift_traffic",
                    "open_circuit_breaker"),
            List.of(new ApprovalRule("scale_beyond_limits", "target_replicas > max_replicas", List.of("devops-team"))),
            Set.of("delete_deployment"));

    private static ServiceBlueprint blueprint(String name, Environment environment, GovernanceRules rules) {
        return new ServiceBlueprint(
                new BlueprintMetadata(name, "1.0.0", Priority.HIGH, Criticality.CRITICAL),
                environment,
                new Scaling(2, 10, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                Resources.unspecified(),
                PerformanceTargets.none(),
                rules,
                Verification.disabled());
    }

    private Guardian guardian(GovernanceSettings settings, KillSwitch killSwitch, GlobalBlueprint global) {
        BlueprintCatalog catalog = new BlueprintCatalog(
                Map.of(
                        "checkout", blueprint("checkout", Environment.DEV, CHECKOUT_RULES),
                        "payments", blueprint("payments", Environment.PROD, CHECKOUT_RULES),
                        "search", blueprint("search", Environment.STAGE, CHECKOUT_RULES)),
                Optional.ofNullable(global));
        return Guardian.builder(clock, catalog)
                .settings(settings)
                .killSwitch(killSwitch)
                .build();
    }

    private Guardian guardian() {
        return guardian(GovernanceSettings.defaults(), KillSwitch.NEVER, null);
    }

    /** Checks, and reports an allowed action as done, as the engine does: its target's lock is released. */
    private GateVerdict settle(Guardian g, Action action) {
        GateVerdict v = g.check(action);
        if (v instanceof GateVerdict.Allow allow) {
            g.completed(
                    allow.permit(),
                    new ActionOutcome(allow.permit().redeem(), ActionOutcome.Status.SUCCEEDED, "done", clock.instant()),
                    false);
        }
        return v;
    }

    private Action action(HealingAction type, String target, Map<String, String> parameters) {
        return new Action(
                "k" + keys++, type, target, parameters, "policy:test", "test", clock.instant(), Action.CERTAIN);
    }

    private Action action(HealingAction type, String target) {
        return action(type, target, Map.of());
    }

    private static String code(GateVerdict verdict) {
        return switch (verdict) {
            case GateVerdict.Deny deny -> deny.reasonCode();
            case GateVerdict.NeedsApproval needs -> needs.reasonCode();
            case GateVerdict.Allow allow -> "ALLOW";
        };
    }

    @Test
    void allowsWhatTheBlueprintAllowsInAnEligibleEnvironment() {
        assertThat(code(settle(guardian(), action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .isEqualTo("ALLOW");
    }

    @Test
    void alertingIsAlwaysAllowedEvenWithTheKillSwitchEngaged() {
        Guardian g = guardian(GovernanceSettings.defaults(), () -> true, null);
        assertThat(code(settle(g, action(HealingAction.ALERT_TEAM, "payments"))))
                .isEqualTo("ALLOW");
    }

    @Test
    void killSwitchEngagedStopsEveryChange() {
        Guardian g = guardian(GovernanceSettings.defaults(), () -> true, null);
        assertThat(code(settle(g, action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .isEqualTo("KILL_SWITCH_ENGAGED");
    }

    @Test
    void anUnreadableKillSwitchFailsClosed() {
        Guardian g = guardian(
                GovernanceSettings.defaults(),
                () -> {
                    throw new IllegalStateException("store down");
                },
                null);
        GateVerdict v = settle(g, action(HealingAction.RESTART_CONTAINER, "checkout"));
        assertThat(code(v)).isEqualTo("KILL_SWITCH_ENGAGED");
        assertThat(((GateVerdict.Deny) v).explanation()).contains("cannot be read", "failing closed");
    }

    @Test
    void anEmptyOrWildcardTargetMeansNothing() {
        assertThat(code(settle(guardian(), action(HealingAction.RESTART_CONTAINER, ""))))
                .isEqualTo("EMPTY_TARGET");
        assertThat(code(settle(guardian(), action(HealingAction.RESTART_CONTAINER, "*"))))
                .isEqualTo("EMPTY_TARGET");
    }

    @Test
    void aServiceWithoutABlueprintMayNotBeTouched() {
        assertThat(code(settle(guardian(), action(HealingAction.RESTART_CONTAINER, "unknown"))))
                .isEqualTo("ACTION_NOT_ALLOWED");
    }

    @Test
    void anOperationTheBlueprintDoesNotListIsNotAllowed() {
        GovernanceRules restartOnly = new GovernanceRules(Set.of("restart_pods"), List.of(), Set.of());
        Guardian g = Guardian.builder(
                        clock,
                        new BlueprintCatalog(
                                Map.of("checkout", blueprint("checkout", Environment.DEV, restartOnly)),
                                Optional.empty()))
                .settings(GovernanceSettings.defaults())
                .killSwitch(KillSwitch.NEVER)
                .build();
        assertThat(code(settle(g, action(HealingAction.ROLLBACK, "checkout")))).isEqualTo("ACTION_NOT_ALLOWED");
    }

    @Test
    void aGloballyForbiddenOperationIsRefusedWithAlternatives() {
        GlobalBlueprint global = new GlobalBlueprint(
                new BlueprintMetadata("global", "1", Priority.MEDIUM, Criticality.STANDARD),
                Environment.DEV,
                new GovernanceRules(Set.of(), List.of(), Set.of("rollback_deployment")));
        GateVerdict v = guardian(GovernanceSettings.defaults(), KillSwitch.NEVER, global)
                .check(action(HealingAction.ROLLBACK, "checkout"));
        assertThat(code(v)).isEqualTo("ACTION_FORBIDDEN");
        assertThat(((GateVerdict.Deny) v).explanation()).contains("scale_to_zero", "disable_ingress");
    }

    @Test
    void scalingBeyondTheBlueprintsMaximumNeedsApproval() {
        GateVerdict v = settle(guardian(), action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "14")));
        assertThat(code(v)).isEqualTo("APPROVAL_REQUIRED");
        assertThat(((GateVerdict.NeedsApproval) v).approvers()).containsExactly("devops-team");
        assertThat(code(settle(guardian(), action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "8")))))
                .isEqualTo("ALLOW");
    }

    @Test
    void anApprovedRestrictedActionPassesOnceAfterTheOtherGatesAgreeAgain() {
        var store = new dev.arf.core.approval.InMemoryApprovalStore();
        var book = new dev.arf.core.approval.ApprovalBook(
                store, new dev.arf.core.audit.InMemoryAuditLog(), clock, Duration.ofHours(1));
        Guardian g = Guardian.builder(
                        clock,
                        new BlueprintCatalog(
                                Map.of("checkout", blueprint("checkout", Environment.DEV, CHECKOUT_RULES)),
                                Optional.empty()))
                .settings(GovernanceSettings.defaults())
                .killSwitch(KillSwitch.NEVER)
                .approvals(book)
                .build();
        Action beyond = action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "14"));
        GateVerdict first = settle(g, beyond);
        assertThat(first).isInstanceOf(GateVerdict.NeedsApproval.class);
        var request = book.request(beyond, "scale_beyond_limits", List.of("devops-team"), "surge");
        book.approve(request.id(), "alice", "");

        assertThat(code(settle(g, action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "16")))))
                .as("a changed action needs a new approval")
                .isEqualTo("APPROVAL_REQUIRED");
        assertThat(code(settle(g, action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "14")))))
                .isEqualTo("ALLOW");
        clock.advance(Duration.ofMinutes(5));
        assertThat(code(settle(g, action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "14")))))
                .as("used once")
                .isEqualTo("APPROVAL_REQUIRED");
    }

    @Test
    void anApprovalIsNotSpentWhenAnotherGateRefuses() {
        var store = new dev.arf.core.approval.InMemoryApprovalStore();
        var book = new dev.arf.core.approval.ApprovalBook(
                store, new dev.arf.core.audit.InMemoryAuditLog(), clock, Duration.ofHours(1));
        boolean[] killed = {true};
        Guardian g = Guardian.builder(
                        clock,
                        new BlueprintCatalog(
                                Map.of("checkout", blueprint("checkout", Environment.DEV, CHECKOUT_RULES)),
                                Optional.empty()))
                .settings(GovernanceSettings.defaults())
                .killSwitch(() -> killed[0])
                .approvals(book)
                .build();
        Action beyond = action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "14"));
        book.approve(
                book.request(beyond, "scale_beyond_limits", List.of("devops-team"), "")
                        .id(),
                "alice",
                "");
        assertThat(code(settle(g, beyond))).isEqualTo("KILL_SWITCH_ENGAGED");
        killed[0] = false;
        assertThat(code(settle(g, beyond))).isEqualTo("ALLOW");
    }

    /** A memory that survives "restarts" of the Guardian within the test. */
    static final class ListMemory implements GuardianMemory {
        GuardianState saved = GuardianState.empty();
        boolean broken;

        @Override
        public GuardianState load() {
            return saved;
        }

        @Override
        public void save(GuardianState state) {
            if (broken) {
                throw new IllegalStateException("disk full");
            }
            saved = state;
        }
    }

    private Guardian remembering(GuardianMemory memory) {
        return Guardian.builder(
                        clock,
                        new BlueprintCatalog(
                                Map.of("checkout", blueprint("checkout", Environment.DEV, CHECKOUT_RULES)),
                                Optional.empty()))
                .settings(GovernanceSettings.defaults())
                .killSwitch(KillSwitch.NEVER)
                .memory(memory)
                .build();
    }

    @Test
    void aRestartResetsNoCooldownAndNoBudget() {
        ListMemory memory = new ListMemory();
        assertThat(code(settle(remembering(memory), action(HealingAction.ROLLBACK, "checkout"))))
                .isEqualTo("ALLOW");
        clock.advance(Duration.ofSeconds(100));

        Guardian restarted = remembering(memory);
        assertThat(code(settle(restarted, action(HealingAction.ROLLBACK, "checkout"))))
                .isEqualTo("COOLDOWN_ACTIVE");
        clock.advance(Duration.ofSeconds(200));
        assertThat(code(settle(restarted, action(HealingAction.ROLLBACK, "checkout"))))
                .isEqualTo("ALLOW");
        assertThat(memory.saved.executions()).hasSize(2);
    }

    @Test
    void anActionInFlightWhenTheProcessDiedKeepsItsTargetLockedUntilTheLeaseLapses() {
        ListMemory memory = new ListMemory();
        assertThat(code(remembering(memory).check(action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .isEqualTo("ALLOW");
        clock.advance(Duration.ofMinutes(5));

        Guardian restarted = remembering(memory);
        GateVerdict locked = restarted.check(action(HealingAction.ROLLBACK, "checkout"));
        assertThat(code(locked)).isEqualTo("TARGET_LOCKED");
        assertThat(((GateVerdict.Deny) locked).explanation()).contains("never two actions at once");
        clock.advance(SafetyLimits.defaults().lockLease());
        assertThat(code(settle(restarted, action(HealingAction.ROLLBACK, "checkout"))))
                .isEqualTo("ALLOW");
    }

    @Test
    void anActionWhoseCooldownCannotBeRememberedIsRefused() {
        ListMemory memory = new ListMemory();
        memory.broken = true;
        GateVerdict v = remembering(memory).check(action(HealingAction.RESTART_CONTAINER, "checkout"));
        assertThat(code(v)).isEqualTo("GATE_STATE_UNAVAILABLE");
    }

    @Test
    void aPlanOlderThanTheNewestDecisionForItsTargetIsStale() {
        Guardian g = guardian();
        Action planned = action(HealingAction.TRAFFIC_SHIFT, "checkout");
        clock.advance(Duration.ofSeconds(10));
        assertThat(code(settle(g, action(HealingAction.CIRCUIT_BREAKER, "checkout"))))
                .isEqualTo("ALLOW");
        clock.advance(Duration.ofSeconds(10));
        assertThat(code(settle(g, planned))).isEqualTo("STALE_PLAN");
        assertThat(code(settle(g, action(HealingAction.TRAFFIC_SHIFT, "checkout"))))
                .as("a fresh plan")
                .isEqualTo("ALLOW");
    }

    @Test
    void productionRunsNothingButNoopsByDefaultAndStageNoRollbacks() {
        assertThat(code(settle(guardian(), action(HealingAction.RESTART_CONTAINER, "payments"))))
                .isEqualTo("ACTION_ELIGIBILITY_FAILED");
        assertThat(code(settle(guardian(), action(HealingAction.ROLLBACK, "search"))))
                .isEqualTo("ACTION_ELIGIBILITY_FAILED");
        assertThat(code(settle(guardian(), action(HealingAction.RESTART_CONTAINER, "search"))))
                .isEqualTo("ALLOW");
    }

    @Test
    void aRestartRestsForItsCooldownOnTheVirtualClock() {
        Guardian g = guardian();
        assertThat(code(settle(g, action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .isEqualTo("ALLOW");
        clock.advance(Duration.ofSeconds(59));
        assertThat(code(settle(g, action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .isEqualTo("COOLDOWN_ACTIVE");
        clock.advance(Duration.ofSeconds(1));
        assertThat(code(settle(g, action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .isEqualTo("ALLOW");
    }

    @Test
    void theFourthIdenticalActionInFiveMinutesIsSuppressed() {
        Guardian g = guardian();
        for (int i = 0; i < 3; i++) {
            assertThat(code(settle(g, action(HealingAction.TRAFFIC_SHIFT, "checkout", Map.of("share", "0.5")))))
                    .isEqualTo("ALLOW");
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(code(settle(g, action(HealingAction.TRAFFIC_SHIFT, "checkout", Map.of("share", "0.5")))))
                .isEqualTo("REPETITION_SUPPRESSED");
        assertThat(code(settle(g, action(HealingAction.TRAFFIC_SHIFT, "checkout", Map.of("share", "0.3")))))
                .isEqualTo("ALLOW");
    }

    @Test
    void aServiceGetsTenActionsAnHour() {
        Guardian g = guardian();
        HealingAction[] kinds = {HealingAction.TRAFFIC_SHIFT, HealingAction.CIRCUIT_BREAKER};
        for (int i = 0; i < 10; i++) {
            assertThat(code(settle(g, action(kinds[i % 2], "checkout", Map.of("n", "" + i)))))
                    .isEqualTo("ALLOW");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(code(settle(g, action(HealingAction.TRAFFIC_SHIFT, "checkout", Map.of("n", "x")))))
                .isEqualTo("RATE_LIMITED");
        clock.advance(Duration.ofMinutes(51));
        assertThat(code(settle(g, action(HealingAction.TRAFFIC_SHIFT, "checkout", Map.of("n", "y")))))
                .isEqualTo("ALLOW");
    }

    @Test
    void theFleetShareOneHourlyBudget() {
        GovernanceSettings tight = new GovernanceSettings(
                GovernanceSettings.defaults().eligible(),
                Map.of(),
                3,
                Duration.ofSeconds(300),
                10,
                2,
                false,
                SafetyLimits.defaults());
        Guardian g = guardian(tight, KillSwitch.NEVER, null);
        assertThat(code(settle(g, action(HealingAction.TRAFFIC_SHIFT, "checkout"))))
                .isEqualTo("ALLOW");
        assertThat(code(settle(g, action(HealingAction.RESTART_CONTAINER, "search"))))
                .isEqualTo("ALLOW");
        assertThat(code(settle(g, action(HealingAction.CIRCUIT_BREAKER, "checkout"))))
                .isEqualTo("GLOBAL_RATE_LIMITED");
    }

    @Test
    void dryRunChecksEverythingAndExecutesNothing() {
        Guardian g = guardian(GovernanceSettings.defaults().withDryRun(true), KillSwitch.NEVER, null);
        GateVerdict v = settle(g, action(HealingAction.RESTART_CONTAINER, "checkout"));
        assertThat(code(v)).isEqualTo("DRY_RUN");
        assertThat(code(settle(g, action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .as("a dry run burns no cooldown")
                .isEqualTo("DRY_RUN");
    }

    /**
     * Property: for random sequences of actions, targets, parameters and clock jumps, nothing forbidden,
     * unlisted or approval-bound is ever allowed, no service exceeds its hourly budget, and no action
     * kind runs twice on a service within its cooldown.
     */
    @Test
    void noGeneratedSequenceGetsPastTheGates() {
        SplittableRandom random = new SplittableRandom(2026);
        GovernanceRules rules = new GovernanceRules(
                Set.of("restart_pods", "scale_within_limits", "shift_traffic"),
                List.of(new ApprovalRule("scale_beyond_limits", "", List.of("sre"))),
                Set.of("rollback_deployment"));
        String[] services = {"a", "b", "c", "nobody", ""};
        HealingAction[] kinds = HealingAction.values();
        for (int run = 0; run < 50; run++) {
            Guardian g = Guardian.builder(
                            clock,
                            new BlueprintCatalog(
                                    Map.of(
                                            "a", blueprint("a", Environment.DEV, rules),
                                            "b", blueprint("b", Environment.DEV, rules),
                                            "c", blueprint("c", Environment.PROD, rules)),
                                    Optional.empty()))
                    .settings(GovernanceSettings.defaults())
                    .killSwitch(KillSwitch.NEVER)
                    .build();
            Map<String, List<Instant>> allowedByService = new HashMap<>();
            Map<String, Instant> lastByKind = new HashMap<>();
            for (int i = 0; i < 400; i++) {
                HealingAction kind = kinds[random.nextInt(kinds.length)];
                String target = services[random.nextInt(services.length)];
                Map<String, String> params = random.nextBoolean()
                        ? Map.of("replicas", Integer.toString(random.nextInt(20)))
                        : Map.of("n", Integer.toString(random.nextInt(3)));
                Action a = action(kind, target, params);
                GateVerdict v = settle(g, a);
                if (v instanceof GateVerdict.Allow && kind.mutates()) {
                    assertThat(target).isIn("a", "b");
                    assertThat(kind).isNotIn(HealingAction.ROLLBACK, HealingAction.CIRCUIT_BREAKER);
                    if (kind == HealingAction.SCALE_OUT || kind == HealingAction.SCALE_IN) {
                        assertThat(Operations.requestedReplicas(a)).isLessThanOrEqualTo(10);
                    }
                    Instant now = clock.instant();
                    List<Instant> times = allowedByService.computeIfAbsent(target, t -> new ArrayList<>());
                    times.add(now);
                    assertThat(times.stream()
                                    .filter(t -> t.isAfter(now.minus(Duration.ofHours(1))))
                                    .count())
                            .isLessThanOrEqualTo(10);
                    Duration cooldown =
                            GovernanceSettings.defaults().cooldowns().getOrDefault(kind, Duration.ZERO);
                    Instant last = lastByKind.put(target + kind, now);
                    if (last != null) {
                        assertThat(Duration.between(last, now)).isGreaterThanOrEqualTo(cooldown);
                    }
                } else if (!(v instanceof GateVerdict.Allow)) {
                    assertThat(ReasonCode.valueOf(code(v))).isNotNull();
                }
                clock.advance(Duration.ofSeconds(random.nextInt(4) == 0 ? random.nextInt(3600) : random.nextInt(90)));
            }
        }
    }
}
