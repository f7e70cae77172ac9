package dev.arf.core.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.approval.InMemoryApprovalStore;
import dev.arf.core.audit.InMemoryAuditLog;
import dev.arf.core.blueprint.ApprovalRule;
import dev.arf.core.blueprint.BlueprintMetadata;
import dev.arf.core.blueprint.Comparison;
import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.GlobalBlueprint;
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
import dev.arf.core.engine.ReliabilityEngine;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.Actuator;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.policy.DefaultPolicies;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.policy.HealingPolicy;
import dev.arf.core.policy.PolicyCondition;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.Operator;
import dev.arf.core.telemetry.TelemetryEvent;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The governance property of the whole engine (ARF issue 3, "proof, as tests"): no generated sequence
 * of telemetry, healing policies, blueprints (edited mid-run), direct proposals, approvals and denials,
 * kill-switch flips, actuator failures and clock jumps makes a forbidden or unapproved restricted
 * action reach an actuator, exceeds a rate limit, or acts during a cooldown, with an open breaker or
 * while another action on the target is still in flight.
 *
 * <p>Every action the engine hands to the actuator is recorded with the clock time, the blueprints in
 * force and the kill switch's position at that moment, and after every step it is judged by an {@link
 * Oracle} that keeps its own books: it never asks the Guardian or the engine what they remember.
 *
 * <p>Reverts are the engine's own undo of an action whose verification failed and asked for a rollback;
 * by design they pass cooldowns, budgets, breakers and the lock their original holds, and their tier
 * is autonomous where the blueprint enables rollback (see {@link dev.arf.core.execute.Reverts} and
 * {@link Guardian}). The oracle grants those exceptions only to a revert it expected: one of an action
 * it saw fail such a verification, in the step that verification ran. Everything else is judged like
 * any other action.
 *
 * <p>The oracle's rules, for every action that changes something (alerts and no-ops pass every gate by
 * design): (1) it has a blueprint, its operation is neither forbidden (by the service's or its
 * environment's global blueprint) nor unlisted, and its kind is eligible in the environment; (2) an
 * operation under an approval rule used an unexpired approval of exactly that kind, target and
 * parameters, given before it ran, each approval once; (3) at most {@code perServicePerHour} per
 * service and {@code globalPerHour} across the fleet in any hour {@code (t - 1h, t]}, reverts counted;
 * (4) nothing within the cooldown of the same kind on the same service; (5) nothing while the kill
 * switch is engaged or unreadable, reverts included; (6) the breaker: three failures in a row (FAILED
 * outcomes, reverts' included, or failed checks) open it for ten minutes, then one trial may run, and a
 * success (of an action that is not a revert) closes it; (7) nothing on a target whose last action
 * still awaits its checks, except that action's revert; and no action below the confidence threshold.
 * (3), (4), (6), the confidence rule and the approval of (2) do not apply to expected reverts.
 */
class GovernedEnginePropertyTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    /** Services that may have a blueprint, and one that never has. */
    private static final List<String> GOVERNED = List.of("checkout", "search", "payments", "batch");

    private static final String ORPHAN = "orphan";
    private static final List<HealingAction> MUTATING = java.util.Arrays.stream(HealingAction.values())
            .filter(HealingAction::mutates)
            .toList();
    private static final List<String> SERVICES = List.of("checkout", "search", "payments", "batch", ORPHAN);

    /** Seed 002's operation vocabulary, plus one no action maps to. */
    private static final List<String> OPERATIONS = List.of(
            "restart_pods",
            "scale_within_limits",
            "scale_beyond_limits",
            "shift_traffic",
            "open_circuit_breaker",
            "rollback_deployment",
            "notify",
            "noop",
            "delete_deployment");

    private static final int RUNS = 160;
    private static final int STEPS = 260;

    /**
     * What the generators may do. Production telemetry arrives every few seconds; {@link #SCRAPED} keeps
     * to that where it matters (a service with an action awaiting its checks reports when they fall due,
     * and no stabilisation period outlasts the Guardian's lock lease), and proposes no revert of its own.
     * {@link #UNRESTRICTED} drops those restraints.
     *
     * @param scrapesWhenDue before the clock passes the moment an action's checks fall due, its service
     *     reports once at that moment
     * @param longestStabilization the longest stabilisation period a blueprint asks for
     * @param forgesReverts direct proposals may carry {@code revert_of}, naming an action that ran
     */
    private record Generator(boolean scrapesWhenDue, Duration longestStabilization, boolean forgesReverts) {
        static final Generator SCRAPED = new Generator(true, Duration.ofMinutes(10), false);
        static final Generator UNRESTRICTED = new Generator(false, Duration.ofMinutes(40), true);
    }

    /**
     * The property under {@link Generator#SCRAPED}: 160 seeded runs of 260 steps, each step a clock jump
     * and one of telemetry, a direct proposal, an approval or denial, a blueprint edit or a kill-switch
     * flip.
     */
    @Test
    void noGeneratedRunGetsAnUngovernedActionPastTheEngine() {
        RunStats total = new RunStats();
        for (long seed = 1; seed <= RUNS; seed++) {
            total.add(new Run(seed, Generator.SCRAPED).play(STEPS));
        }
        // The generators must reach the interesting states, or the property says nothing.
        assertThat(total.executed).as("mutating actions executed").isGreaterThan(1_000);
        assertThat(total.approvedExecutions)
                .as("approved restricted actions executed")
                .isPositive();
        assertThat(total.reverts).as("expected reverts executed").isPositive();
        assertThat(total.halfOpenTrials).as("half-open trials").isPositive();
        assertThat(total.verified).as("verifications").isPositive();
        assertThat(total.refusals)
                .as("the gates the property is about did refuse")
                .containsKeys(
                        "KILL_SWITCH_ENGAGED",
                        "ACTION_FORBIDDEN",
                        "ACTION_NOT_ALLOWED",
                        "APPROVAL_REQUIRED",
                        "CIRCUIT_OPEN",
                        "TARGET_LOCKED",
                        "COOLDOWN_ACTIVE",
                        "RATE_LIMITED",
                        "GLOBAL_RATE_LIMITED");
    }

    /**
     * The same property without the generator's restraints: services fall silent while an action awaits
     * its checks, stabilisation periods outlast the lock lease, and proposals from outside carry {@code
     * revert_of}. It fails on the findings pinned by the disabled tests below.
     */
    @Test
    void noGeneratedRunGetsAnUngovernedActionPastTheEngineEvenWithSilentServicesAndRevertsFromOutside() {
        for (long seed = 1; seed <= RUNS; seed++) {
            new Run(seed, Generator.UNRESTRICTED).play(STEPS);
        }
    }

    // ================================================================ findings, minimised

    private static final VerificationCheck ERROR_RATE_BELOW_5_PERCENT =
            new VerificationCheck("error_rate", Comparison.LT, new Quantity.Percentage(0.05), true, true);

    @Test
    void aTargetStaysLockedWhileItsActionAwaitsChecksThatOutlastTheLockLease() {
        Bench bench = new Bench(
                new GovernanceRules(Set.of("restart_pods", "scale_within_limits"), List.of(), Set.of()),
                new Verification(
                        true, Duration.ofMinutes(20), List.of(ERROR_RATE_BELOW_5_PERCENT), Rollback.disabled()));
        assertThat(bench.propose("restart-1", HealingAction.RESTART_CONTAINER, Map.of())
                        .status())
                .isEqualTo(ActionOutcome.Status.SUCCEEDED);
        for (int minute = 1; minute <= 16; minute++) {
            bench.clock.advance(Duration.ofMinutes(1));
            bench.report(0.001);
        }

        // The restart's checks fall due at 20 minutes; at 16 the target must still be its.
        ActionOutcome second = bench.propose("scale-1", HealingAction.SCALE_OUT, Map.of());

        assertThat(bench.executedKeys())
                .as("executed while restart-1 awaits its checks")
                .containsExactly("restart-1");
        assertThat(second.detail()).startsWith("TARGET_LOCKED");
        assertThat(bench.engine.pendingVerifications())
                .extracting(p -> p.action().idempotencyKey())
                .containsExactly("restart-1");
    }

    @Test
    void aServiceSilentPastItsVerificationDeadlineFailsItsChecksBeforeAnotherActionRuns() {
        Bench bench = new Bench(
                new GovernanceRules(Set.of("restart_pods", "scale_within_limits"), List.of(), Set.of()),
                new Verification(
                        true, Duration.ofSeconds(60), List.of(ERROR_RATE_BELOW_5_PERCENT), Rollback.disabled()));
        assertThat(bench.propose("restart-1", HealingAction.RESTART_CONTAINER, Map.of())
                        .status())
                .isEqualTo(ActionOutcome.Status.SUCCEEDED);

        bench.clock.advance(Duration.ofMinutes(16)); // checkout says nothing: restart-1's checks cannot run
        ActionOutcome second = bench.propose("scale-1", HealingAction.SCALE_OUT, Map.of());

        // restart-1 is concluded first — not verified, escalated — and only then may scale-1 run.
        assertThat(bench.engine.pendingVerifications())
                .extracting(p -> p.action().idempotencyKey())
                .containsExactly("scale-1");
        assertThat(second.status()).isEqualTo(ActionOutcome.Status.SUCCEEDED);
        assertThat(bench.executedKeys()).containsExactly("restart-1", "scale-1");
    }

    @Test
    void aProposalCarryingRevertOfIsNotTreatedAsTheEnginesOwnRevert() {
        Bench bench = new Bench(
                new GovernanceRules(
                        Set.of("restart_pods"),
                        List.of(new ApprovalRule("rollback_deployment", "", List.of("sre"))),
                        Set.of()),
                new Verification(
                        true,
                        Duration.ofSeconds(60),
                        List.of(ERROR_RATE_BELOW_5_PERCENT),
                        new Rollback(true, true, true)));
        assertThat(bench.propose("restart-1", HealingAction.RESTART_CONTAINER, Map.of())
                        .status())
                .isEqualTo(ActionOutcome.Status.SUCCEEDED);

        for (int i = 0; i < 12; i++) {
            bench.clock.advance(Duration.ofSeconds(1));
            bench.engine.propose(new Action(
                    "forged-" + i,
                    HealingAction.ROLLBACK,
                    "checkout",
                    Map.of(dev.arf.core.execute.Reverts.REVERT_OF, "restart-1", "revision", "r1"),
                    "person:mallory",
                    "undo",
                    bench.clock.instant(),
                    0.1));
        }

        assertThat(bench.executedKeys())
                .as("rollback_deployment needs approval; confidence 0.1; 12 in 12 s; restart-1 still in flight")
                .containsExactly("restart-1");
    }

    @Test
    void aRevertThatSucceedsDoesNotCloseTheBreakerItsOriginalsFailedChecksOpened() {
        GovernanceRules rules = new GovernanceRules(Set.of("scale_within_limits"), List.of(), Set.of());
        Bench bench = new Bench(
                rules,
                new Verification(
                        true,
                        Duration.ofSeconds(60),
                        List.of(ERROR_RATE_BELOW_5_PERCENT),
                        new Rollback(true, true, true)));
        bench.script.addAll(List.of(ActionOutcome.Status.FAILED, ActionOutcome.Status.FAILED));
        bench.propose("scale-1", HealingAction.SCALE_OUT, Map.of("replicas", "4"));
        bench.clock.advance(Duration.ofMinutes(3));
        bench.propose("scale-2", HealingAction.SCALE_OUT, Map.of("replicas", "4"));
        bench.clock.advance(Duration.ofMinutes(3));
        assertThat(bench.propose("scale-3", HealingAction.SCALE_OUT, Map.of("replicas", "4"))
                        .status())
                .isEqualTo(ActionOutcome.Status.SUCCEEDED);
        bench.catalog = new BlueprintCatalog(
                Map.of("checkout", Bench.blueprint(rules, Verification.disabled())), Optional.empty());

        bench.clock.advance(Duration.ofSeconds(61));
        bench.report(0.5); // scale-3 fails its checks: the third failure in a row opens the breaker; it is undone
        assertThat(bench.executedKeys()).contains("revert|scale-3");
        bench.clock.advance(Duration.ofMinutes(3));
        ActionOutcome next = bench.propose("scale-4", HealingAction.SCALE_OUT, Map.of("replicas", "5"));

        assertThat(next.detail()).startsWith("CIRCUIT_OPEN");
    }

    /** One service, {@code checkout}, in dev; an actuator that records what it runs and answers from a script. */
    private static final class Bench {
        final VirtualClock clock = new VirtualClock(T0);
        final List<Action> executed = new ArrayList<>();
        final Deque<ActionOutcome.Status> script = new ArrayDeque<>();
        final ReliabilityEngine engine;
        volatile BlueprintCatalog catalog;

        Bench(GovernanceRules rules, Verification verification) {
            catalog = new BlueprintCatalog(Map.of("checkout", blueprint(rules, verification)), Optional.empty());
            Actuator actuator = new Actuator() {
                @Override
                public boolean handles(Action action) {
                    return true;
                }

                @Override
                public Optional<TargetSnapshot> snapshot(String target) {
                    return Optional.of(new TargetSnapshot(
                            target,
                            Map.of(TargetSnapshot.REPLICAS, "3", TargetSnapshot.REVISION, "r5"),
                            clock.instant()));
                }

                @Override
                public ActionOutcome execute(Permit permit) {
                    Action action = permit.redeem();
                    executed.add(action);
                    ActionOutcome.Status status = script.isEmpty() ? ActionOutcome.Status.SUCCEEDED : script.poll();
                    return new ActionOutcome(action, status, "scripted", clock.instant());
                }
            };
            engine = ReliabilityEngine.builder()
                    .clock(clock)
                    .policies(List.of())
                    .actuator(actuator)
                    .gate(Guardian.builder(clock, () -> catalog).build())
                    .blueprints(() -> catalog)
                    .build();
        }

        static ServiceBlueprint blueprint(GovernanceRules rules, Verification verification) {
            return new ServiceBlueprint(
                    new BlueprintMetadata("checkout", "1", Priority.HIGH, Criticality.CRITICAL),
                    Environment.DEV,
                    new Scaling(2, 10, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                    Resources.unspecified(),
                    PerformanceTargets.none(),
                    rules,
                    verification);
        }

        ActionOutcome propose(String key, HealingAction type, Map<String, String> parameters) {
            return engine.propose(new Action(
                    key, type, "checkout", parameters, "person:alice", "test", clock.instant(), Action.CERTAIN));
        }

        void report(double errorRate) {
            engine.process(TelemetryEvent.builder("checkout", clock.instant())
                    .latencyP99(110)
                    .errorRate(errorRate)
                    .throughput(1000)
                    .cpuUtil(0.4)
                    .memoryUtil(0.5)
                    .build());
        }

        List<String> executedKeys() {
            return executed.stream().map(Action::idempotencyKey).toList();
        }
    }

    // ================================================================ one run

    private enum KillState {
        OFF,
        ON,
        UNREADABLE
    }

    /** One engine, its Guardian, approval book, actuator and oracle, driven by one seed. */
    private static final class Run {
        final long seed;
        final Generator generator;
        final SplittableRandom random;
        final VirtualClock clock = new VirtualClock(T0);
        final GovernanceSettings settings;
        final InMemoryApprovalStore approvalStore = new InMemoryApprovalStore();
        final ApprovalBook approvals;
        final RecordingActuator actuator;
        final ReliabilityEngine engine;
        final Oracle oracle;
        final Deque<String> trace = new ArrayDeque<>();
        volatile BlueprintCatalog catalog;
        volatile KillState kill = KillState.OFF;
        int proposals;
        int step;

        Run(long seed, Generator generator) {
            this.seed = seed;
            this.generator = generator;
            this.random = new SplittableRandom(seed);
            this.settings = settings(random);
            this.catalog = catalog(random, generator);
            this.approvals = new ApprovalBook(
                    approvalStore, new InMemoryAuditLog(), clock, Duration.ofMinutes(random.nextInt(5, 90)));
            double failureRate = new double[] {0, 0.1, 0.3, 0.6}[random.nextInt(4)];
            this.actuator = new RecordingActuator(this, failureRate);
            this.oracle = new Oracle(settings);
            Guardian guardian = Guardian.builder(clock, () -> catalog)
                    .settings(settings)
                    .killSwitch(() -> switch (kill) {
                        case OFF -> false;
                        case ON -> true;
                        case UNREADABLE -> throw new IllegalStateException("kill switch file unreadable");
                    })
                    .approvals(approvals)
                    .build();
            this.engine = ReliabilityEngine.builder()
                    .clock(clock)
                    .policies(policies(random))
                    .actuator(actuator)
                    .gate(guardian)
                    .blueprints(() -> catalog)
                    .approvals(approvals)
                    .build();
        }

        RunStats play(int steps) {
            for (step = 0; step < steps; step++) {
                jump();
                if (kill != KillState.OFF && random.nextInt(4) == 0) {
                    kill = KillState.OFF; // engaged for a few steps at a time
                    log(clock.instant() + " kill switch OFF");
                }
                int move = random.nextInt(100);
                if (move < 50) {
                    telemetry();
                } else if (move < 72) {
                    propose();
                } else if (move < 82) {
                    decideApproval();
                } else if (move < 88) {
                    editBlueprints();
                } else if (move < 92) {
                    flipKillSwitch();
                }
                judge();
            }
            return oracle.stats;
        }

        /** Everything the actuator saw since the last call, in order, before the oracle; any violation fails. */
        private void judge() {
            for (Execution e : actuator.drain()) {
                log("  executed " + e);
                oracle.judge(e);
            }
            oracle.endOfStep();
            if (!oracle.violations.isEmpty()) {
                throw new AssertionError("seed " + seed + " (" + generator + "), step " + step + ": "
                        + oracle.violations + "\nsettings: per service " + settings.perServicePerHour()
                        + "/h, fleet " + settings.globalPerHour() + "/h\nrecent steps:\n"
                        + String.join("\n", trace));
            }
        }

        private void jump() {
            int roll = random.nextInt(100);
            Duration d = roll < 70
                    ? Duration.ofSeconds(random.nextInt(1, 20))
                    : roll < 90
                            ? Duration.ofSeconds(random.nextInt(20, 300))
                            : roll < 98
                                    ? Duration.ofMinutes(random.nextInt(5, 30))
                                    : Duration.ofMinutes(random.nextInt(60, 180));
            Instant to = clock.instant().plus(d);
            while (generator.scrapesWhenDue()) {
                Optional<Awaiting> next = oracle.awaiting.values().stream()
                        .filter(a -> !a.due().isAfter(to))
                        .min(java.util.Comparator.comparing(Awaiting::due));
                if (next.isEmpty()) {
                    break;
                }
                if (next.get().due().isAfter(clock.instant())) {
                    clock.setTo(next.get().due());
                }
                telemetry(next.get().execution().action().target());
                judge();
            }
            clock.setTo(to);
        }

        private void telemetry() {
            // Skewed: some services report often, "batch" seldom, so verifications wait.
            int roll = random.nextInt(100);
            telemetry(
                    roll < 30
                            ? "checkout"
                            : roll < 55 ? "search" : roll < 75 ? "payments" : roll < 85 ? "batch" : ORPHAN);
        }

        private void telemetry(String service) {
            TelemetryEvent event = event(random, service, clock.instant());
            log(clock.instant() + " telemetry " + service + " p99=" + Math.round(event.value(Metric.LATENCY_P99))
                    + " err=" + String.format(java.util.Locale.ROOT, "%.3f", event.value(Metric.ERROR_RATE)));
            oracle.sweepOverdue(clock.instant(), this::log);
            oracle.beforeTelemetry(event, clock.instant(), this::log);
            engine.process(event);
        }

        private void propose() {
            Action action = random.nextInt(4) == 0 ? retry().orElseGet(this::proposal) : proposal();
            oracle.sweepOverdue(clock.instant(), this::log);
            ActionOutcome outcome = engine.propose(action);
            if (outcome.status() == ActionOutcome.Status.REFUSED) {
                oracle.stats.refusals.merge(outcome.detail().split(":")[0], 1, Integer::sum);
            }
            log(clock.instant() + " propose " + describe(action) + " conf="
                    + String.format(java.util.Locale.ROOT, "%.2f", action.confidence()) + " -> " + outcome.status()
                    + " " + abbreviate(outcome.detail()));
        }

        /** A person asks again for an action that once needed approval, whatever became of the request. */
        private Optional<Action> retry() {
            List<ApprovalRequest> requests = approvalStore.approvals(false, 1_000);
            if (requests.isEmpty()) {
                return Optional.empty();
            }
            Action asked = requests.get(random.nextInt(requests.size())).action();
            return Optional.of(new Action(
                    "proposal-" + proposals++,
                    asked.type(),
                    asked.target(),
                    asked.parameters(),
                    "person:alice",
                    "approved, trying again",
                    clock.instant(),
                    Action.CERTAIN));
        }

        /** What the CLI, the API or the decision engine might propose: mostly sensible, sometimes not. */
        private Action proposal() {
            HealingAction[] kinds = HealingAction.values();
            HealingAction type = random.nextInt(8) == 0
                    ? kinds[random.nextInt(kinds.length)]
                    : MUTATING.get(random.nextInt(MUTATING.size()));
            int t = random.nextInt(100);
            String target = t < 80
                    ? GOVERNED.get(random.nextInt(GOVERNED.size()))
                    : t < 88 ? ORPHAN : t < 92 ? "" : t < 96 ? "*" : "ghost";
            Map<String, String> params = new HashMap<>();
            int p = random.nextInt(100);
            if (p < 40) {
                params.put("replicas", Integer.toString(random.nextInt(0, 15)));
            } else if (p < 43) {
                params.put("replicas", "lots");
            } else if (p < 53) {
                params.put("revision", "r" + random.nextInt(3));
            } else if (p < 63 && generator.forgesReverts() && !oracle.executed.isEmpty()) {
                // revert_of passed in from outside, naming a key that did run, on whatever target.
                params.put(
                        "revert_of",
                        oracle.executed
                                .get(random.nextInt(oracle.executed.size()))
                                .action()
                                .idempotencyKey());
                if (random.nextBoolean()) {
                    params.put("replicas", Integer.toString(random.nextInt(0, 15)));
                }
            }
            double confidence = random.nextBoolean() ? Action.CERTAIN : random.nextDouble();
            Instant proposedAt =
                    random.nextInt(10) == 0 ? clock.instant().minusSeconds(random.nextInt(1, 600)) : clock.instant();
            // Now and then a key used before: the actuator's idempotency answers SKIPPED.
            String key = random.nextInt(20) == 0 && proposals > 0
                    ? "proposal-" + random.nextInt(proposals)
                    : "proposal-" + proposals++;
            return new Action(
                    key,
                    type,
                    target,
                    params,
                    random.nextBoolean() ? "person:alice" : "decision-engine",
                    "generated",
                    proposedAt,
                    confidence);
        }

        private void decideApproval() {
            approvals.expireDue(); // a person sees what is still open, as the CLI lists it
            List<ApprovalRequest> open = approvals.open().stream()
                    .filter(r -> r.state() == dev.arf.core.approval.ApprovalState.PENDING)
                    .toList();
            if (open.isEmpty()) {
                return;
            }
            ApprovalRequest request = open.get(random.nextInt(open.size()));
            if (random.nextInt(4) == 0) {
                approvals.deny(request.id(), "bob", "not now");
                log(clock.instant() + " deny " + request.id() + " " + describe(request.action()));
            } else {
                ApprovalRequest approved = approvals.approve(request.id(), "alice", "go");
                oracle.approved(approved);
                log(clock.instant() + " approve " + request.id() + " " + describe(request.action()) + " until "
                        + approved.expiresAt());
            }
        }

        private void editBlueprints() {
            Map<String, ServiceBlueprint> services = new HashMap<>(catalog.services());
            Optional<GlobalBlueprint> global = catalog.global();
            String service = GOVERNED.get(random.nextInt(GOVERNED.size()));
            int roll = random.nextInt(10);
            if (roll < 6) {
                services.put(service, blueprint(random, service, generator));
                log(clock.instant() + " blueprint of " + service + " edited: " + describe(services.get(service)));
            } else if (roll < 8) {
                services.remove(service);
                log(clock.instant() + " blueprint of " + service + " removed");
            } else {
                global = random.nextBoolean() ? Optional.of(global(random)) : Optional.empty();
                log(clock.instant() + " global blueprint now " + global.map(GovernedEnginePropertyTest::describe));
            }
            catalog = new BlueprintCatalog(services, global);
        }

        private void flipKillSwitch() {
            int roll = random.nextInt(10);
            kill = roll < 5 ? KillState.OFF : roll < 8 ? KillState.ON : KillState.UNREADABLE;
            log(clock.instant() + " kill switch " + kill);
        }

        void log(String line) {
            trace.addLast("[" + step + "] " + line);
            while (trace.size() > 80) {
                trace.removeFirst();
            }
        }
    }

    // ================================================================ the actuator under test

    /** What reached the actuator, and the world as it was at that moment. */
    private record Execution(
            Action action,
            Instant at,
            BlueprintCatalog catalog,
            KillState kill,
            ActionOutcome.Status status,
            Optional<TargetSnapshot> before) {
        @Override
        public String toString() {
            return at + " " + describe(action) + " conf="
                    + String.format(java.util.Locale.ROOT, "%.2f", action.confidence()) + " key="
                    + action.idempotencyKey()
                    + " -> " + status;
        }
    }

    /**
     * Redeems each permit and records the action; fails with the run's failure rate, answers SKIPPED for
     * a key it has seen (idempotency), and keeps replicas and a revision per target for snapshots.
     */
    private static final class RecordingActuator implements Actuator {
        private final Run run;
        private final double failureRate;
        private final List<Execution> executions = new ArrayList<>();
        private final Set<String> seenKeys = new HashSet<>();
        private final Map<String, Integer> replicas = new HashMap<>();
        private final Map<String, Integer> revisions = new HashMap<>();
        private final Map<String, Optional<TargetSnapshot>> lastSnapshot = new HashMap<>();

        RecordingActuator(Run run, double failureRate) {
            this.run = run;
            this.failureRate = failureRate;
        }

        @Override
        public boolean handles(Action action) {
            return true;
        }

        @Override
        public Optional<TargetSnapshot> snapshot(String target) {
            Optional<TargetSnapshot> snapshot = run.random.nextInt(10) == 0
                    ? Optional.empty()
                    : Optional.of(new TargetSnapshot(
                            target,
                            Map.of(
                                    TargetSnapshot.REPLICAS,
                                    Integer.toString(replicas.getOrDefault(target, 3)),
                                    TargetSnapshot.REVISION,
                                    "r" + revisions.getOrDefault(target, 5)),
                            run.clock.instant()));
            lastSnapshot.put(target, snapshot);
            return snapshot;
        }

        @Override
        public ActionOutcome execute(Permit permit) {
            Action action = permit.redeem();
            Instant now = run.clock.instant();
            ActionOutcome.Status status;
            if (!seenKeys.add(action.idempotencyKey())) {
                status = ActionOutcome.Status.SKIPPED;
            } else if (action.type().mutates() && run.random.nextDouble() < failureRate) {
                status = ActionOutcome.Status.FAILED;
            } else {
                status = ActionOutcome.Status.SUCCEEDED;
                apply(action);
            }
            executions.add(new Execution(
                    action,
                    now,
                    run.catalog,
                    run.kill,
                    status,
                    action.type().mutates()
                            ? lastSnapshot.getOrDefault(action.target(), Optional.empty())
                            : Optional.empty()));
            lastSnapshot.remove(action.target());
            return new ActionOutcome(action, status, status == ActionOutcome.Status.FAILED ? "boom" : "ok", now);
        }

        private void apply(Action action) {
            String target = action.target();
            String count = action.parameters().get("replicas");
            switch (action.type()) {
                case SCALE_OUT, SCALE_IN -> {
                    int was = replicas.getOrDefault(target, 3);
                    int step = action.type() == HealingAction.SCALE_OUT ? 1 : -1;
                    try {
                        replicas.put(target, count != null ? Integer.parseInt(count.trim()) : was + step);
                    } catch (NumberFormatException e) {
                        replicas.put(target, was + step);
                    }
                }
                case ROLLBACK -> revisions.merge(target, -1, Integer::sum);
                default -> {}
            }
        }

        List<Execution> drain() {
            List<Execution> out = List.copyOf(executions);
            executions.clear();
            return out;
        }
    }

    // ================================================================ the oracle

    /** Counters that show the generators reached the states the property is about. */
    private static final class RunStats {
        int executed;
        int approvedExecutions;
        int reverts;
        int halfOpenTrials;
        int verified;
        final Map<String, Integer> refusals = new TreeMap<>();

        void add(RunStats other) {
            other.refusals.forEach((code, n) -> refusals.merge(code, n, Integer::sum));
            executed += other.executed;
            approvedExecutions += other.approvedExecutions;
            reverts += other.reverts;
            halfOpenTrials += other.halfOpenTrials;
            verified += other.verified;
        }
    }

    /** An approval a person gave, as the oracle remembers it. */
    private static final class Grant {
        final String fingerprint;
        final Instant approvedAt;
        final Instant expiresAt;
        boolean used;

        Grant(String fingerprint, Instant approvedAt, Instant expiresAt) {
            this.fingerprint = fingerprint;
            this.approvedAt = approvedAt;
            this.expiresAt = expiresAt;
        }
    }

    /** The oracle's own circuit breaker of one service. */
    private static final class Breaker {
        int failures;
        Instant openedAt;
        boolean trialInFlight;
    }

    /** An executed action whose checks have not run yet. */
    private record Awaiting(Execution execution, Verification spec, Instant due, boolean revert) {}

    /**
     * Judges each execution against the rules of the blueprint in force when it ran and its own record
     * of earlier executions, approvals, failures and pending verifications.
     */
    private static final class Oracle {
        final GovernanceSettings settings;
        final List<Execution> executed = new ArrayList<>();
        final List<Grant> grants = new ArrayList<>();
        final Map<String, Breaker> breakers = new HashMap<>();
        final Map<String, Awaiting> awaiting = new HashMap<>();
        /** Keys of actions whose failed verification, in this step, calls for the engine's revert. */
        final Set<String> expectedReverts = new HashSet<>();

        final List<String> violations = new ArrayList<>();
        final RunStats stats = new RunStats();

        Oracle(GovernanceSettings settings) {
            this.settings = settings;
        }

        void approved(ApprovalRequest request) {
            grants.add(new Grant(fingerprint(request.action()), request.decidedAt(), request.expiresAt()));
        }

        /** Before an event is processed: the checks of an action on its service run now if they are due. */
        void beforeTelemetry(TelemetryEvent event, Instant now, java.util.function.Consumer<String> log) {
            String service = event.service();
            Awaiting due = awaiting.get(service);
            if (due == null || now.isBefore(due.due())) {
                return;
            }
            awaiting.remove(service);
            stats.verified++;
            boolean healthy = true;
            boolean rollback = false;
            Rollback policy = due.spec().rollback();
            for (VerificationCheck check : due.spec().checks()) {
                if (passes(check, event)) {
                    continue;
                }
                healthy &= !check.critical();
                rollback |= check.rollbackTrigger() || (policy.triggerOnCriticalFailure() && check.critical());
            }
            rollback &= policy.enabled() && policy.automatic();
            Action action = due.execution().action();
            log.accept("  oracle: verification of " + action.idempotencyKey() + (healthy ? " healthy" : " FAILED")
                    + (rollback ? ", calls for rollback" : ""));
            if (due.revert()) {
                return; // the undo of an undo is escalated to a person; it does not feed the breaker
            }
            if (healthy) {
                breakers.remove(service);
                return;
            }
            failure(service, now);
            if (rollback && revertible(due.execution())) {
                expectedReverts.add(action.idempotencyKey());
            }
        }

        /**
         * Whenever the engine is entered: checks that could not run by their deadline (due plus one more
         * stabilisation period, the service silent) fail as not verified — every critical check fails.
         */
        void sweepOverdue(Instant now, java.util.function.Consumer<String> log) {
            for (Awaiting due : List.copyOf(awaiting.values())) {
                if (now.isBefore(due.due().plus(due.spec().stabilizationPeriod()))) {
                    continue;
                }
                String service = due.execution().action().target();
                awaiting.remove(service);
                stats.verified++;
                Rollback policy = due.spec().rollback();
                boolean healthy = due.spec().checks().stream().noneMatch(VerificationCheck::critical);
                boolean rollback = policy.enabled()
                        && policy.automatic()
                        && due.spec().checks().stream()
                                .anyMatch(c ->
                                        c.rollbackTrigger() || (policy.triggerOnCriticalFailure() && c.critical()));
                Action action = due.execution().action();
                log.accept("  oracle: " + action.idempotencyKey() + " not verified by its deadline"
                        + (rollback ? ", calls for rollback" : ""));
                if (due.revert()) {
                    continue;
                }
                if (healthy) {
                    breakers.remove(service);
                    continue;
                }
                failure(service, now);
                if (rollback && revertible(due.execution())) {
                    expectedReverts.add(action.idempotencyKey());
                }
            }
        }

        void endOfStep() {
            expectedReverts.clear();
        }

        void judge(Execution e) {
            Action a = e.action();
            if (!a.type().mutates()) {
                return; // telling people (alert, no-op) is always allowed
            }
            stats.executed++;
            String target = a.target();
            Instant t = e.at();
            String revertOf = a.parameters().get("revert_of");
            boolean revert = revertOf != null
                    && expectedReverts.remove(revertOf)
                    && a.source().equals("verification:rollback");
            if (revert) {
                stats.reverts++;
            }

            // 5. nothing acts while the kill switch is engaged (or unreadable), not even a revert
            if (e.kill() != KillState.OFF) {
                violate(e, "executed while the kill switch was " + e.kill());
            }

            // 1. forbidden, not allowed, not eligible — by the blueprint in force at that moment
            ServiceBlueprint blueprint = e.catalog().services().get(target);
            Verification verification = Verification.disabled();
            if (blueprint == null) {
                violate(e, "executed on a target without a blueprint");
            } else {
                verification = blueprint.verification();
                GovernanceRules rules = e.catalog()
                        .global()
                        .filter(g -> g.environment() == blueprint.environment())
                        .map(g -> union(blueprint.governance(), g.governance()))
                        .orElse(blueprint.governance());
                String operation = operation(a, blueprint.scaling().maxReplicas());
                boolean rollbackEnabled = blueprint.verification().rollback().enabled();
                if (operation == null) {
                    violate(e, "executed without a whole number of replicas");
                } else if (operation.equals("delete_deployment")) {
                    violate(e, "delete_deployment is forbidden everywhere, whatever the blueprint says");
                } else if (rules.forbidden().contains(operation)) {
                    violate(e, operation + " is forbidden");
                } else if (rules.requiresApproval().stream()
                        .anyMatch(r -> r.operation().equals(operation))) {
                    // 2. restricted: an unused, unexpired approval of exactly this action, used up now
                    if (!(revert && rollbackEnabled)) {
                        Optional<Grant> grant = grants.stream()
                                .filter(g -> !g.used
                                        && g.fingerprint.equals(fingerprint(a))
                                        && !g.approvedAt.isAfter(t)
                                        && t.isBefore(g.expiresAt))
                                .findFirst();
                        if (grant.isEmpty()) {
                            violate(
                                    e,
                                    operation + " requires approval and had no unused approval for " + fingerprint(a));
                        } else {
                            grant.get().used = true;
                            stats.approvedExecutions++;
                        }
                    }
                } else if (!rules.allowed().contains(operation) && !(revert && rollbackEnabled)) {
                    violate(e, operation + " is not among the allowed operations");
                }
                Set<String> eligible = settings.eligible().getOrDefault(blueprint.environment(), Set.of());
                if (!eligible.contains(eligibilityName(a.type()))) {
                    violate(e, a.type().key() + " is not eligible in " + blueprint.environment());
                }
            }

            if (!revert) {
                // uncertainty: an unsure proposer's action is a no-op
                if (a.confidence() < settings.safety().minConfidence()) {
                    violate(e, "executed with confidence " + a.confidence());
                }
                // 3. budgets per service and fleet-wide in the sliding hour (t - 1h, t], this one included
                long service = executed.stream()
                                .filter(x -> x.action().target().equals(target) && inHour(x, t))
                                .count()
                        + 1;
                long fleet = executed.stream().filter(x -> inHour(x, t)).count() + 1;
                if (service > settings.perServicePerHour()) {
                    violate(e, service + " actions on " + target + " in an hour, max " + settings.perServicePerHour());
                }
                if (fleet > settings.globalPerHour()) {
                    violate(e, fleet + " actions across the fleet in an hour, max " + settings.globalPerHour());
                }
                // 4. cooldown of this kind on this service, started by any earlier one (reverts too)
                Duration cooldown = GovernanceSettings.defaults().cooldowns().getOrDefault(a.type(), Duration.ZERO);
                executed.stream()
                        .filter(x ->
                                x.action().target().equals(target) && x.action().type() == a.type())
                        .filter(x -> Duration.between(x.at(), t).compareTo(cooldown) < 0)
                        .findFirst()
                        .ifPresent(x -> violate(e, "within the " + cooldown.toSeconds() + "s cooldown of " + x));
                // 6. the breaker, by the oracle's own count
                Breaker b = breakers.get(target);
                if (b != null && b.openedAt != null) {
                    Instant halfOpen = b.openedAt.plus(settings.safety().breakerOpenFor());
                    if (t.isBefore(halfOpen)) {
                        violate(e, "breaker open since " + b.openedAt + " after " + b.failures + " failures");
                    } else if (b.trialInFlight) {
                        violate(e, "a second action while the half-open trial has not reported");
                    } else {
                        b.trialInFlight = true;
                        stats.halfOpenTrials++;
                    }
                }
            }

            // 7. never two in flight on one target: only the expected revert of an action awaiting its checks
            Awaiting inFlight = awaiting.get(target);
            if (inFlight != null
                    && !(revert && revertOf.equals(inFlight.execution().action().idempotencyKey()))) {
                violate(
                        e,
                        "executed while " + inFlight.execution() + " still awaits its verification (due "
                                + inFlight.due() + ")");
            }

            executed.add(e);
            switch (e.status()) {
                case FAILED -> failure(target, t);
                case SUCCEEDED -> {
                    if (verification.enabled() && !verification.checks().isEmpty()) {
                        awaiting.put(
                                target,
                                new Awaiting(e, verification, t.plus(verification.stabilizationPeriod()), revert));
                    } else if (!revert) {
                        breakers.remove(target);
                    }
                }
                case SKIPPED, REFUSED -> {
                    Breaker b = breakers.get(target);
                    if (b != null) {
                        b.trialInFlight = false;
                    }
                }
            }
        }

        private Breaker breaker(String target) {
            return breakers.computeIfAbsent(target, k -> new Breaker());
        }

        /** A failed action or failed verification; enough in a row open the breaker, any while open re-opens it. */
        private void failure(String target, Instant at) {
            Breaker b = breaker(target);
            b.failures++;
            if (b.failures >= settings.safety().breakerFailures() || b.openedAt != null) {
                b.openedAt = at;
            }
            b.trialInFlight = false;
        }

        private static boolean inHour(Execution x, Instant t) {
            return x.at().isAfter(t.minus(HOUR)) && !x.at().isAfter(t);
        }

        private void violate(Execution e, String what) {
            violations.add(what + " — " + e);
        }
    }

    // ================================================================ the oracle's own vocabulary

    /** The blueprint operation an action exercises, or null when its replica count is no whole number. */
    private static String operation(Action action, int maxReplicas) {
        return switch (action.type()) {
            case RESTART_CONTAINER -> "restart_pods";
            case SCALE_OUT, SCALE_IN -> {
                String replicas = action.parameters().get("replicas");
                if (replicas == null) {
                    yield "scale_within_limits";
                }
                try {
                    yield Integer.parseInt(replicas.trim()) > maxReplicas
                            ? "scale_beyond_limits"
                            : "scale_within_limits";
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case TRAFFIC_SHIFT -> "shift_traffic";
            case CIRCUIT_BREAKER -> "open_circuit_breaker";
            case ROLLBACK -> "rollback_deployment";
            case ALERT_TEAM -> "notify";
            case NO_ACTION -> "noop";
            case DELETE_DEPLOYMENT -> "delete_deployment";
            // The generated blueprints leave resources unspecified: every request is within bounds.
            case ADJUST_RESOURCES -> "adjust_resources_within_bounds";
        };
    }

    private static String eligibilityName(HealingAction type) {
        return switch (type) {
            case RESTART_CONTAINER -> "restart";
            case SCALE_OUT -> "scale_up";
            case SCALE_IN -> "scale_down";
            case TRAFFIC_SHIFT -> "traffic_shift";
            case CIRCUIT_BREAKER -> "circuit_breaker";
            case ROLLBACK -> "rollback";
            case ALERT_TEAM -> "alert";
            case NO_ACTION -> "noop";
            case DELETE_DEPLOYMENT -> "delete";
            case ADJUST_RESOURCES -> "adjust_resources";
        };
    }

    private static GovernanceRules union(GovernanceRules a, GovernanceRules b) {
        Set<String> allowed = new LinkedHashSet<>(a.allowed());
        allowed.addAll(b.allowed());
        List<ApprovalRule> approval = new ArrayList<>(a.requiresApproval());
        approval.addAll(b.requiresApproval());
        Set<String> forbidden = new LinkedHashSet<>(a.forbidden());
        forbidden.addAll(b.forbidden());
        return new GovernanceRules(allowed, approval, forbidden);
    }

    private static String fingerprint(Action action) {
        return action.type().key() + "|" + action.target() + "|" + new TreeMap<>(action.parameters());
    }

    /** Whether the engine can undo it: a scale or rollback whose snapshot holds what the undo returns to. */
    private static boolean revertible(Execution e) {
        return switch (e.action().type()) {
            case SCALE_OUT, SCALE_IN ->
                e.before().flatMap(s -> s.get(TargetSnapshot.REPLICAS)).isPresent();
            case ROLLBACK ->
                e.before().flatMap(s -> s.get(TargetSnapshot.REVISION)).isPresent();
            default -> false;
        };
    }

    private static boolean passes(VerificationCheck check, TelemetryEvent event) {
        double value = switch (check.metric()) {
            case "error_rate" -> event.value(Metric.ERROR_RATE);
            case "latency_p99" -> event.value(Metric.LATENCY_P99);
            default -> Double.NaN;
        };
        double target = switch (check.target()) {
            case Quantity.Percentage p -> p.fraction();
            case Quantity.Time time -> time.duration().toNanos() / 1e6;
        };
        if (Double.isNaN(value)) {
            return false;
        }
        return switch (check.comparison()) {
            case LT -> value < target;
            case LE -> value <= target;
            case GT -> value > target;
            case GE -> value >= target;
        };
    }

    // ================================================================ generators

    private static GovernanceSettings settings(SplittableRandom random) {
        GovernanceSettings defaults = GovernanceSettings.defaults();
        GovernanceSettings settings = new GovernanceSettings(
                defaults.eligible(),
                defaults.cooldowns(),
                defaults.repetitionLimit(),
                defaults.repetitionWindow(),
                random.nextBoolean() ? defaults.perServicePerHour() : random.nextInt(1, 10),
                random.nextBoolean() ? defaults.globalPerHour() : random.nextInt(2, 20),
                false,
                defaults.safety());
        if (random.nextBoolean()) {
            // Sometimes every kind may run everywhere, so prod and stage blueprints decide alone.
            Set<String> all = Set.of(
                    "noop",
                    "alert",
                    "restart",
                    "scale_up",
                    "scale_down",
                    "rollback",
                    "traffic_shift",
                    "circuit_breaker");
            settings = settings.withEligible(Environment.PROD, all).withEligible(Environment.STAGE, all);
        }
        return settings;
    }

    private static BlueprintCatalog catalog(SplittableRandom random, Generator generator) {
        Map<String, ServiceBlueprint> services = new HashMap<>();
        for (String service : GOVERNED) {
            if (random.nextInt(5) != 0) {
                services.put(service, blueprint(random, service, generator));
            }
        }
        return new BlueprintCatalog(services, random.nextInt(3) == 0 ? Optional.of(global(random)) : Optional.empty());
    }

    private static ServiceBlueprint blueprint(SplittableRandom random, String name, Generator generator) {
        int min = random.nextInt(0, 4);
        int max = Math.max(1, min + random.nextInt(0, 10));
        return new ServiceBlueprint(
                new BlueprintMetadata(name, "1." + random.nextInt(100), Priority.HIGH, Criticality.CRITICAL),
                environment(random),
                new Scaling(min, max, 0.7, OptionalDouble.empty(), 0.8, 0.4),
                Resources.unspecified(),
                PerformanceTargets.none(),
                rules(random, 55, 20, 10),
                verification(random, generator.longestStabilization()));
    }

    private static GlobalBlueprint global(SplittableRandom random) {
        return new GlobalBlueprint(
                new BlueprintMetadata("global", "1", Priority.HIGH, Criticality.CRITICAL),
                environment(random),
                rules(random, 5, 10, 15));
    }

    private static Environment environment(SplittableRandom random) {
        int roll = random.nextInt(10);
        return roll < 6 ? Environment.DEV : roll < 8 ? Environment.STAGE : Environment.PROD;
    }

    /** Each operation allowed, restricted or forbidden by the given percentages; now and then in two lists. */
    private static GovernanceRules rules(SplittableRandom random, int allowedPct, int approvalPct, int forbiddenPct) {
        Set<String> allowed = new HashSet<>();
        List<ApprovalRule> approval = new ArrayList<>();
        Set<String> forbidden = new HashSet<>();
        for (String op : OPERATIONS) {
            int roll = random.nextInt(100);
            int list = roll < allowedPct
                    ? 0
                    : roll < allowedPct + approvalPct ? 1 : roll < allowedPct + approvalPct + forbiddenPct ? 2 : -1;
            if (list >= 0 && random.nextInt(10) == 0) {
                add(random.nextInt(3), op, allowed, approval, forbidden);
            }
            add(list, op, allowed, approval, forbidden);
        }
        return new GovernanceRules(allowed, approval, forbidden);
    }

    private static void add(
            int list, String op, Set<String> allowed, List<ApprovalRule> approval, Set<String> forbidden) {
        switch (list) {
            case 0 -> allowed.add(op);
            case 1 -> approval.add(new ApprovalRule(op, "", List.of("sre")));
            case 2 -> forbidden.add(op);
            default -> {}
        }
    }

    private static Verification verification(SplittableRandom random, Duration longest) {
        if (random.nextInt(5) < 2) {
            return Verification.disabled();
        }
        Duration stabilization = random.nextInt(8) == 0
                ? Duration.ofSeconds(random.nextLong(300, longest.toSeconds() + 1))
                : Duration.ofSeconds(random.nextInt(10, 300));
        List<VerificationCheck> checks = new ArrayList<>();
        if (random.nextInt(10) != 0) {
            checks.add(new VerificationCheck(
                    "error_rate",
                    Comparison.LT,
                    new Quantity.Percentage(0.05),
                    random.nextInt(4) != 0,
                    random.nextBoolean()));
        }
        if (random.nextBoolean()) {
            checks.add(new VerificationCheck(
                    "latency_p99",
                    Comparison.LE,
                    new Quantity.Time(Duration.ofMillis(400)),
                    random.nextBoolean(),
                    random.nextBoolean()));
        }
        Rollback rollback = random.nextInt(3) == 0
                ? Rollback.disabled()
                : new Rollback(true, random.nextInt(4) != 0, random.nextBoolean());
        return new Verification(random.nextInt(10) != 0, stabilization, checks, rollback);
    }

    private static List<HealingPolicy> policies(SplittableRandom random) {
        List<HealingPolicy> policies = new ArrayList<>();
        int mode = random.nextInt(4);
        if (mode != 0) {
            policies.addAll(DefaultPolicies.all());
        }
        if (mode <= 1) {
            int n = random.nextInt(1, 5);
            for (int i = 0; i < n; i++) {
                policies.add(policy(random, i));
            }
        }
        return policies;
    }

    private static HealingPolicy policy(SplittableRandom random, int i) {
        List<PolicyCondition> conditions = new ArrayList<>();
        int n = random.nextInt(1, 3);
        for (int c = 0; c < n; c++) {
            conditions.add(
                    switch (random.nextInt(5)) {
                        case 0 -> new PolicyCondition("error_rate", Operator.GT, random.nextDouble(0.3));
                        case 1 -> new PolicyCondition("latency_p99", Operator.GT, random.nextDouble(100, 1000));
                        case 2 -> new PolicyCondition("cpu_util", Operator.GT, random.nextDouble(0.3, 0.95));
                        case 3 -> new PolicyCondition("memory_util", Operator.GE, random.nextDouble(0.3, 0.95));
                        default ->
                            new PolicyCondition(PolicyCondition.ANOMALY_CONFIDENCE, Operator.GE, random.nextDouble());
                    });
        }
        HealingAction[] kinds = java.util.Arrays.stream(HealingAction.values())
                .filter(HealingAction::healing)
                .toArray(HealingAction[]::new);
        List<HealingAction> actions = new ArrayList<>();
        int k = random.nextInt(1, 4);
        for (int a = 0; a < k; a++) {
            actions.add(kinds[random.nextInt(kinds.length)]);
        }
        List<String> services = random.nextBoolean()
                ? List.of()
                : List.of(SERVICES.get(random.nextInt(SERVICES.size())), SERVICES.get(random.nextInt(SERVICES.size())))
                        .stream()
                        .distinct()
                        .toList();
        return new HealingPolicy(
                "generated-" + i,
                conditions,
                actions,
                random.nextInt(1, 11),
                Duration.ofSeconds(random.nextInt(0, 300)),
                random.nextInt(1, 30),
                random.nextInt(10) != 0,
                services);
    }

    private static TelemetryEvent event(SplittableRandom random, String service, Instant at) {
        boolean bad = random.nextInt(4) == 0;
        return TelemetryEvent.builder(service, at)
                .latencyP99(bad ? 300 + random.nextDouble(3000) : 100 + random.nextDouble(20))
                .errorRate(bad ? random.nextDouble() : random.nextDouble(0.003))
                .throughput(bad && random.nextBoolean() ? 4000 : 1000 + random.nextDouble(50))
                .cpuUtil(bad ? random.nextDouble() : 0.4 + random.nextDouble(0.05))
                .memoryUtil(bad ? random.nextDouble() : 0.5)
                .build();
    }

    // ================================================================ descriptions for failure messages

    private static String describe(Action action) {
        return action.type().key() + " on '" + action.target() + "' " + new TreeMap<>(action.parameters()) + " by "
                + action.source();
    }

    private static String describe(ServiceBlueprint b) {
        Verification v = b.verification();
        return b.environment() + " replicas " + b.scaling().minReplicas() + ".."
                + b.scaling().maxReplicas()
                + " " + describe(b.governance()) + " verification "
                + (v.enabled()
                        ? v.stabilizationPeriod() + " " + v.checks().size() + " checks, rollback " + v.rollback()
                        : "off");
    }

    private static String describe(GlobalBlueprint g) {
        return g.environment() + " " + describe(g.governance());
    }

    private static String describe(GovernanceRules r) {
        return "allowed " + new java.util.TreeSet<>(r.allowed()) + " approval "
                + r.requiresApproval().stream()
                        .map(ApprovalRule::operation)
                        .sorted()
                        .toList() + " forbidden "
                + new java.util.TreeSet<>(r.forbidden());
    }

    private static String abbreviate(String text) {
        return text.length() > 140 ? text.substring(0, 140) + "…" : text;
    }
}
