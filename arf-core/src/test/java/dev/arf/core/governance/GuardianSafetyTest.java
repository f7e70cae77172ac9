package dev.arf.core.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.BlueprintMetadata;
import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.PerformanceTargets;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.Resources;
import dev.arf.core.blueprint.Rollback;
import dev.arf.core.blueprint.Scaling;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Verification;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.GateVerdict;
import dev.arf.core.execute.Reverts;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.time.VirtualClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The self-restraint gates: blast radius, maintenance, uncertainty, breakers, ineffective fixes, locks, reverts. */
class GuardianSafetyTest {
    /** A Friday, 09:00 UTC. */
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    private final VirtualClock clock = new VirtualClock(T0);
    private final List<MaintenanceWindow> windows = new ArrayList<>();
    private int keys;

    private static final GovernanceRules RULES = new GovernanceRules(
            Set.of("scale_within_limits", "restart_pods", "shift_traffic"), List.of(), Set.of("delete_deployment"));

    private static ServiceBlueprint blueprint(String name, boolean rollback) {
        return new ServiceBlueprint(
                new BlueprintMetadata(name, "1.0.0", Priority.HIGH, Criticality.CRITICAL),
                Environment.DEV,
                new Scaling(2, 10, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                Resources.unspecified(),
                PerformanceTargets.none(),
                RULES,
                new Verification(
                        rollback,
                        Duration.ofSeconds(30),
                        List.of(),
                        rollback ? new Rollback(true, true, true) : Rollback.disabled()));
    }

    private final BlueprintCatalog catalog = new BlueprintCatalog(
            Map.of("checkout", blueprint("checkout", true), "search", blueprint("search", false)), Optional.empty());

    private Guardian.Builder builder() {
        return Guardian.builder(clock, catalog).maintenance(() -> List.copyOf(windows));
    }

    private Guardian guardian() {
        return builder().build();
    }

    private Action action(HealingAction type, String target, Map<String, String> parameters, double confidence) {
        return new Action("k" + keys++, type, target, parameters, "policy:test", "test", clock.instant(), confidence);
    }

    private Action action(HealingAction type, String target) {
        return action(type, target, Map.of(), 0.9);
    }

    private static String code(GateVerdict v) {
        return switch (v) {
            case GateVerdict.Allow allow -> "ALLOW";
            case GateVerdict.Deny deny -> deny.reasonCode();
            case GateVerdict.NeedsApproval needs -> needs.reasonCode();
        };
    }

    private static String why(GateVerdict v) {
        return v instanceof GateVerdict.Deny deny ? deny.explanation() : "";
    }

    /** Checks and reports the outcome, as the engine does. */
    private GateVerdict run(Guardian g, Action a, ActionOutcome.Status status, boolean verifying) {
        GateVerdict v = g.check(a);
        if (v instanceof GateVerdict.Allow allow) {
            g.completed(
                    allow.permit(),
                    new ActionOutcome(allow.permit().redeem(), status, "t", clock.instant()),
                    verifying);
        }
        return v;
    }

    // ---------------------------------------------------------------- blast radius and selectors

    @Test
    void aTargetMatchingMoreWorkloadsThanTheCapIsRefused() {
        Guardian g = builder()
                .targets(t -> List.of("checkout-a", "checkout-b", "checkout-c"))
                .build();
        GateVerdict v = g.check(action(HealingAction.RESTART_CONTAINER, "checkout"));
        assertThat(code(v)).isEqualTo("BLAST_RADIUS_EXCEEDED");
        assertThat(why(v)).contains("3 targets").contains("1 one action may touch");

        Guardian wider = builder()
                .targets(t -> List.of("checkout-a", "checkout-b", "checkout-c"))
                .settings(GovernanceSettings.defaults()
                        .withSafety(SafetyLimits.defaults().withMaxTargetsPerAction(3)))
                .build();
        assertThat(code(wider.check(action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .isEqualTo("ALLOW");
    }

    @Test
    void aSelectorThatResolvesToNothingOrCannotBeResolvedMeansNothing() {
        assertThat(code(builder()
                        .targets(t -> List.of())
                        .build()
                        .check(action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .isEqualTo("EMPTY_TARGET");
        GateVerdict broken = builder()
                .targets(t -> {
                    throw new IllegalStateException("API server unreachable");
                })
                .build()
                .check(action(HealingAction.RESTART_CONTAINER, "checkout"));
        assertThat(code(broken)).isEqualTo("EMPTY_TARGET");
        assertThat(why(broken)).contains("API server unreachable").contains("means nothing");
    }

    // ---------------------------------------------------------------- maintenance windows

    @Test
    void aOneOffWindowPausesAutomationOnItsServiceOnly() {
        windows.add(new MaintenanceWindow.OneOff(
                "mw-1", "checkout", "database migration", T0.minusSeconds(60), T0.plusSeconds(3600)));
        Guardian g = guardian();
        GateVerdict v = g.check(action(HealingAction.RESTART_CONTAINER, "checkout"));
        assertThat(code(v)).isEqualTo("MAINTENANCE_WINDOW");
        assertThat(why(v)).contains("mw-1").contains("database migration");
        assertThat(code(g.check(action(HealingAction.RESTART_CONTAINER, "search"))))
                .isEqualTo("ALLOW");

        clock.advance(Duration.ofHours(1));
        assertThat(code(g.check(action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .isEqualTo("ALLOW");
    }

    @Test
    void aWeeklyWindowAcrossMidnightCoversTheEarlyHoursOfTheNextDay() {
        // Thursdays 23:00 Berlin for 3 hours: covers Friday 00:00–02:00 Berlin, i.e. until 01:00 UTC.
        MaintenanceWindow w = new MaintenanceWindow.Weekly(
                "patching",
                MaintenanceWindow.EVERY_SERVICE,
                "kernel patching",
                Set.of(DayOfWeek.THURSDAY),
                LocalTime.of(23, 0),
                Duration.ofHours(3),
                ZoneId.of("Europe/Berlin"));
        assertThat(w.covers("checkout", Instant.parse("2026-11-26T22:30:00Z"))).isTrue();
        assertThat(w.covers("anything", Instant.parse("2026-11-27T00:59:00Z"))).isTrue();
        assertThat(w.covers("checkout", Instant.parse("2026-11-27T01:00:00Z"))).isFalse();
        assertThat(w.covers("checkout", Instant.parse("2026-11-26T21:59:00Z"))).isFalse();
        assertThat(w.covers("checkout", Instant.parse("2026-12-03T22:30:00Z"))).isTrue();

        windows.add(w);
        clock.setTo(Instant.parse("2026-12-04T00:30:00Z"));
        assertThat(code(guardian().check(action(HealingAction.RESTART_CONTAINER, "search"))))
                .isEqualTo("MAINTENANCE_WINDOW");
    }

    @Test
    void unreadableMaintenanceWindowsFailClosed() {
        Guardian g = builder()
                .maintenance(() -> {
                    throw new IllegalStateException("corrupt");
                })
                .build();
        GateVerdict v = g.check(action(HealingAction.RESTART_CONTAINER, "checkout"));
        assertThat(code(v)).isEqualTo("MAINTENANCE_WINDOW");
        assertThat(why(v)).contains("failing closed");
    }

    // ---------------------------------------------------------------- uncertainty

    @Test
    void anUncertainActionBecomesANoop() {
        GateVerdict v = guardian().check(action(HealingAction.RESTART_CONTAINER, "checkout", Map.of(), 0.35));
        assertThat(code(v)).isEqualTo("UNCERTAINTY_NOOP");
        assertThat(why(v)).contains("uncertainty 0.65 exceeds 0.50");
        assertThat(code(guardian().check(action(HealingAction.RESTART_CONTAINER, "checkout", Map.of(), 0.5))))
                .isEqualTo("ALLOW");
    }

    // ---------------------------------------------------------------- prerequisites

    @Test
    void aScaleWithoutAWholeNumberOfReplicasMissesItsPrerequisite() {
        GateVerdict v = guardian().check(action(HealingAction.SCALE_OUT, "checkout", Map.of("replicas", "four"), 0.9));
        assertThat(code(v)).isEqualTo("PREREQUISITE_MISSING");
        assertThat(why(v)).contains("'four'");
    }

    // ---------------------------------------------------------------- circuit breaker

    @Test
    void threeFailuresOpenTheBreakerWhichLetsOneTrialThroughWhenHalfOpen() {
        Guardian g = guardian();
        for (int i = 0; i < 3; i++) {
            assertThat(code(run(
                            g, action(HealingAction.TRAFFIC_SHIFT, "checkout"), ActionOutcome.Status.FAILED, false)))
                    .isEqualTo("ALLOW");
        }
        GateVerdict open = g.check(action(HealingAction.SCALE_OUT, "checkout"));
        assertThat(code(open)).isEqualTo("CIRCUIT_OPEN");
        assertThat(why(open)).contains("after 3 failures");
        assertThat(code(g.check(action(HealingAction.RESTART_CONTAINER, "search"))))
                .isEqualTo("ALLOW");

        clock.advance(SafetyLimits.defaults().breakerOpenFor());
        GateVerdict trial = g.check(action(HealingAction.SCALE_OUT, "checkout"));
        assertThat(code(trial)).isEqualTo("ALLOW");
        assertThat(why(g.check(action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .contains("half-open");
        Permit permit = ((GateVerdict.Allow) trial).permit();
        g.completed(
                permit,
                new ActionOutcome(permit.redeem(), ActionOutcome.Status.SUCCEEDED, "ok", clock.instant()),
                false);
        assertThat(g.state().breakers()).doesNotContainKey("checkout");
    }

    @Test
    void aFailedTrialOpensTheBreakerAgainForAnotherPeriod() {
        Guardian g = guardian();
        for (int i = 0; i < 3; i++) {
            run(g, action(HealingAction.TRAFFIC_SHIFT, "checkout"), ActionOutcome.Status.FAILED, false);
        }
        clock.advance(SafetyLimits.defaults().breakerOpenFor());
        run(g, action(HealingAction.SCALE_OUT, "checkout"), ActionOutcome.Status.FAILED, false);
        assertThat(code(g.check(action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .isEqualTo("CIRCUIT_OPEN");
        assertThat(g.state().breakers().get("checkout").openedAt()).contains(clock.instant());
    }

    @Test
    void anOpenBreakerSurvivesARestart() {
        GuardianMemory memory = new GuardianMemory() {
            GuardianState saved = GuardianState.empty();

            @Override
            public GuardianState load() {
                return saved;
            }

            @Override
            public void save(GuardianState state) {
                saved = state;
            }
        };
        Guardian g = builder().memory(memory).build();
        for (int i = 0; i < 3; i++) {
            run(g, action(HealingAction.TRAFFIC_SHIFT, "checkout"), ActionOutcome.Status.FAILED, false);
        }
        Guardian restarted = builder().memory(memory).build();
        assertThat(code(restarted.check(action(HealingAction.SCALE_OUT, "checkout"))))
                .isEqualTo("CIRCUIT_OPEN");
    }

    // ---------------------------------------------------------------- ineffective fixes

    @Test
    void anActionThatFailedToFixTheSameTargetThreeTimesIsNotTriedAgain() {
        Guardian g = builder()
                .settings(GovernanceSettings.defaults()
                        .withSafety(new SafetyLimits(
                                0.5, 10, Duration.ofMinutes(10), 3, Duration.ofHours(24), 1, Duration.ofMinutes(15))))
                .build();
        for (int i = 0; i < 3; i++) {
            Action restart = action(HealingAction.RESTART_CONTAINER, "checkout");
            assertThat(code(run(g, restart, ActionOutcome.Status.SUCCEEDED, true)))
                    .isEqualTo("ALLOW");
            g.verified(restart, false);
            clock.advance(Duration.ofMinutes(2));
        }
        GateVerdict v = g.check(action(HealingAction.RESTART_CONTAINER, "checkout"));
        assertThat(code(v)).isEqualTo("INEFFECTIVE_FIX");
        assertThat(why(v)).contains("3 times in a row").contains("escalate");
        assertThat(code(g.check(action(HealingAction.SCALE_OUT, "checkout")))).isEqualTo("ALLOW");

        clock.advance(Duration.ofHours(24));
        assertThat(code(g.check(action(HealingAction.RESTART_CONTAINER, "checkout"))))
                .isEqualTo("ALLOW");
    }

    // ---------------------------------------------------------------- locks

    @Test
    void neverTwoActionsInFlightOnOneTarget() {
        Guardian g = guardian();
        GateVerdict first = g.check(action(HealingAction.RESTART_CONTAINER, "checkout"));
        assertThat(code(first)).isEqualTo("ALLOW");
        assertThat(code(g.check(action(HealingAction.SCALE_OUT, "checkout")))).isEqualTo("TARGET_LOCKED");
        assertThat(code(g.check(action(HealingAction.SCALE_OUT, "search")))).isEqualTo("ALLOW");

        Permit permit = ((GateVerdict.Allow) first).permit();
        Action restart = permit.redeem();
        g.completed(permit, new ActionOutcome(restart, ActionOutcome.Status.SUCCEEDED, "ok", clock.instant()), true);
        assertThat(code(g.check(action(HealingAction.SCALE_OUT, "checkout"))))
                .as("still locked while its effect is verified")
                .isEqualTo("TARGET_LOCKED");
        g.verified(restart, true);
        assertThat(code(g.check(action(HealingAction.SCALE_OUT, "checkout")))).isEqualTo("ALLOW");
    }

    // ---------------------------------------------------------------- reverts

    @Test
    void theAnnouncedRevertOfAFailedActionPassesItsLockAndCooldownButNotTheKillSwitch() {
        boolean[] killed = {false};
        Guardian g = builder().killSwitch(() -> killed[0]).build();
        Action scaleIn = action(HealingAction.SCALE_IN, "checkout", Map.of("replicas", "2"), 0.9);
        assertThat(code(run(g, scaleIn, ActionOutcome.Status.SUCCEEDED, true))).isEqualTo("ALLOW");
        Action revert = Reverts.of(
                        scaleIn,
                        new TargetSnapshot("checkout", Map.of(TargetSnapshot.REPLICAS, "3"), T0),
                        "latency 280ms",
                        clock.instant())
                .orElseThrow();
        g.verified(scaleIn, false, Optional.of(revert));

        assertThat(revert.type()).isEqualTo(HealingAction.SCALE_OUT);
        assertThat(revert.parameters()).containsEntry("replicas", "3");
        Action altered = new Action(
                revert.idempotencyKey(),
                revert.type(),
                revert.target(),
                Map.of("replicas", "9", Reverts.REVERT_OF, scaleIn.idempotencyKey()),
                revert.source(),
                revert.reason(),
                revert.proposedAt(),
                revert.confidence());
        assertThat(code(g.check(altered))).as("not the revert announced").isEqualTo("UNKNOWN_REVERT");
        killed[0] = true;
        assertThat(code(g.check(revert))).isEqualTo("KILL_SWITCH_ENGAGED");
        killed[0] = false;
        assertThat(code(g.check(revert))).isEqualTo("ALLOW");
        assertThat(code(g.check(revert))).as("once").isEqualTo("UNKNOWN_REVERT");
    }

    @Test
    void aRevertNamingNoPermittedActionIsRefused() {
        Action forged = new Action(
                "revert|nothing",
                HealingAction.SCALE_OUT,
                "checkout",
                Map.of("replicas", "9", Reverts.REVERT_OF, "never-permitted"),
                "verification:rollback",
                "forged",
                clock.instant(),
                Action.CERTAIN);
        assertThat(code(guardian().check(forged))).isEqualTo("UNKNOWN_REVERT");
    }

    @Test
    void withoutRollbackEnabledARevertNeedsTheOperationToBeAllowed() {
        Guardian g = guardian();
        Action restart = action(HealingAction.ROLLBACK, "search", Map.of(), 0.9);
        // search's blueprint neither allows rollback_deployment nor enables rollback.
        assertThat(code(g.check(restart))).isEqualTo("ACTION_NOT_ALLOWED");
    }

    // ---------------------------------------------------------------- per-service thresholds

    @Test
    void aServiceWithItsOwnThresholdsIsHeldToThemAndOthersToTheDefaults() {
        GovernanceSettings strict = GovernanceSettings.defaults()
                .withSafety(new SafetyLimits(
                        0.8, 3, Duration.ofMinutes(10), 3, Duration.ofHours(24), 1, Duration.ofMinutes(15)));
        Guardian g = builder().serviceSettings(Map.of("checkout", strict)).build();
        assertThat(code(g.check(action(HealingAction.RESTART_CONTAINER, "checkout", Map.of(), 0.7))))
                .isEqualTo("UNCERTAINTY_NOOP");
        assertThat(code(g.check(action(HealingAction.RESTART_CONTAINER, "search", Map.of(), 0.7))))
                .isEqualTo("ALLOW");
    }

    // ---------------------------------------------------------------- resources

    @Test
    void resourceRequestsWithinTheBlueprintsBoundsAreAutonomousAndBeyondThemAreAnotherOperation() {
        long mi = 1024 * 1024;
        ServiceBlueprint b = new ServiceBlueprint(
                new BlueprintMetadata("checkout", "1.0.0", Priority.HIGH, Criticality.CRITICAL),
                Environment.DEV,
                new Scaling(2, 10, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                new dev.arf.core.blueprint.Resources(
                        dev.arf.core.blueprint.Bounds.none(),
                        new dev.arf.core.blueprint.Bounds<>(
                                Optional.of(256 * mi),
                                Optional.empty(),
                                Optional.of(1024 * mi),
                                Optional.empty(),
                                Optional.empty())),
                PerformanceTargets.none(),
                new GovernanceRules(Set.of("adjust_resources_within_bounds"), List.of(), Set.of()),
                Verification.disabled());
        Guardian g = Guardian.builder(clock, BlueprintCatalog.of(List.of(b))).build();

        assertThat(code(run(
                        g,
                        action(HealingAction.ADJUST_RESOURCES, "checkout", Map.of("memory", "768Mi"), 0.9),
                        ActionOutcome.Status.SUCCEEDED,
                        false)))
                .isEqualTo("ALLOW");
        GateVerdict beyond = g.check(action(HealingAction.ADJUST_RESOURCES, "checkout", Map.of("memory", "4Gi"), 0.9));
        assertThat(code(beyond)).isEqualTo("ACTION_NOT_ALLOWED");
        assertThat(why(beyond)).contains("adjust_resources_beyond_bounds");
        GateVerdict nothing = g.check(action(HealingAction.ADJUST_RESOURCES, "checkout", Map.of(), 0.9));
        assertThat(code(nothing)).isEqualTo("PREREQUISITE_MISSING");
        assertThat(code(g.check(action(HealingAction.ADJUST_RESOURCES, "checkout", Map.of("memory", "lots"), 0.9))))
                .isEqualTo("PREREQUISITE_MISSING");
    }

    // ---------------------------------------------------------------- globally forbidden

    @Test
    void deletingADeploymentIsForbiddenEvenWhereABlueprintAllowsItAndWithoutBlueprints() {
        GovernanceRules reckless =
                new GovernanceRules(Set.of("delete_deployment", "restart_pods"), List.of(), Set.of());
        ServiceBlueprint b = new ServiceBlueprint(
                new BlueprintMetadata("checkout", "1.0.0", Priority.HIGH, Criticality.CRITICAL),
                Environment.DEV,
                new Scaling(2, 10, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                Resources.unspecified(),
                PerformanceTargets.none(),
                reckless,
                Verification.disabled());
        GateVerdict v = Guardian.builder(clock, BlueprintCatalog.of(List.of(b)))
                .settings(GovernanceSettings.defaults().withEligible(Environment.DEV, Set.of("delete", "restart")))
                .build()
                .check(action(HealingAction.DELETE_DEPLOYMENT, "checkout"));
        assertThat(code(v)).isEqualTo("ACTION_FORBIDDEN");
        assertThat(why(v)).contains("scale_to_zero or disable_ingress");

        GateVerdict ungoverned =
                Guardian.ungoverned(clock, KillSwitch.NEVER).check(action(HealingAction.DELETE_DEPLOYMENT, "checkout"));
        assertThat(code(ungoverned)).isEqualTo("ACTION_FORBIDDEN");
    }

    // ---------------------------------------------------------------- property

    /**
     * Generated sequences of actions, outcomes, verifications and clock jumps: never two permits in
     * flight on one target, and nothing but a half-open trial passes an open breaker.
     */
    @Test
    void noGeneratedSequenceHasTwoActionsInFlightOrActsThroughAnOpenBreaker() {
        SplittableRandom random = new SplittableRandom(31);
        HealingAction[] kinds = {
            HealingAction.RESTART_CONTAINER,
            HealingAction.SCALE_OUT,
            HealingAction.SCALE_IN,
            HealingAction.TRAFFIC_SHIFT
        };
        String[] targets = {"checkout", "search"};
        for (int run = 0; run < 40; run++) {
            Guardian g = guardian();
            Map<String, Permit> inFlight = new HashMap<>();
            Set<String> verifying = new HashSet<>();
            for (int step = 0; step < 300; step++) {
                clock.advance(Duration.ofSeconds(random.nextInt(1, 400)));
                String target = targets[random.nextInt(targets.length)];
                int move = random.nextInt(4);
                if (move == 0 && inFlight.containsKey(target)) {
                    Permit p = inFlight.remove(target);
                    boolean verify = random.nextBoolean();
                    ActionOutcome.Status status =
                            random.nextInt(3) == 0 ? ActionOutcome.Status.FAILED : ActionOutcome.Status.SUCCEEDED;
                    g.completed(p, new ActionOutcome(p.redeem(), status, "t", clock.instant()), verify);
                    if (verify && status == ActionOutcome.Status.SUCCEEDED) {
                        verifying.add(target);
                        g.verified(p.action(), random.nextBoolean());
                        verifying.remove(target);
                    }
                    continue;
                }
                GuardianState before = g.state();
                Action a = action(
                        kinds[random.nextInt(kinds.length)], target, Map.of(), random.nextInt(5) == 0 ? 0.3 : 0.9);
                GateVerdict v = g.check(a);
                if (v instanceof GateVerdict.Allow allow) {
                    GuardianState.TargetLock lock = before.locks().get(target);
                    assertThat(lock == null || !lock.expiresAt().isAfter(clock.instant()))
                            .as("allowed while another action holds " + target)
                            .isTrue();
                    GuardianState.Breaker breaker = before.breakers().get(target);
                    if (breaker != null && breaker.openedAt().isPresent()) {
                        assertThat(breaker.openedAt()
                                        .get()
                                        .plus(SafetyLimits.defaults().breakerOpenFor())
                                        .isAfter(clock.instant()))
                                .as("allowed through an open breaker")
                                .isFalse();
                        assertThat(breaker.trialInFlight()).isFalse();
                    }
                    assertThat(a.confidence()).isGreaterThanOrEqualTo(0.5);
                    inFlight.put(target, allow.permit());
                }
            }
        }
    }
}
