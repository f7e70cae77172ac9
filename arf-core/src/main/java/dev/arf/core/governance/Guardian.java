package dev.arf.core.governance;

import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Tier;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionGate;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.GateVerdict;
import dev.arf.core.execute.Reverts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The governance gate (seeds 002 and 003): whether a proposed action may run on its own, needs a
 * person, or is refused, and why. Only a gate in this package can mint the {@link Permit} an actuator
 * requires. Gates, in order, the first refusal wins:
 *
 * <ol>
 *   <li>kill switch (fails closed if its state cannot be read);
 *   <li>a target must be named and resolve to at least one and at most the blast-radius cap of
 *       concrete targets;
 *   <li>a revert must undo an action on the same target that failed its verification, once;
 *   <li>a plan older than the newest decision for its target is stale;
 *   <li>a maintenance window on the target pauses automation;
 *   <li>prerequisites: what the action needs (a whole number of replicas) must be there;
 *   <li>the blueprint's tier: forbidden, not allowed (no blueprint means nothing is allowed), approval
 *       required ({@link GateVerdict.NeedsApproval}, unless a person approved this exact action) —
 *       global forbidden operations apply to every service of their environment, and the operations ARF
 *       never performs (deleting deployments, data, backups; security and system changes) are
 *       forbidden whatever a blueprint says;
 *   <li>environment eligibility;
 *   <li>uncertainty: a confidence below the threshold becomes a no-op;
 *   <li>the service's circuit breaker, and actions found ineffective on the target;
 *   <li>a lock on the target held by another action in flight;
 *   <li>cooldown per action kind and service, repetition suppression, hourly budgets per service and
 *       fleet-wide;
 *   <li>dry run.
 * </ol>
 *
 * A revert of an action that failed verification is undoing harm: it passes the stale-plan,
 * maintenance, uncertainty, breaker, cooldown, repetition and budget gates and the lock its original
 * holds, and an operation the blueprint does not list is autonomous where it enables rollback — but
 * the kill switch, a forbidden operation, an approval tier and environment eligibility still stop it.
 *
 * <p>Actions that change nothing (alert, no-op) pass every gate: telling people is always safe. What
 * the Guardian allows is remembered in its {@link GuardianMemory} before the permit is minted, and
 * the outcomes it is told about ({@link #completed}, {@link #verified}) drive the breakers,
 * ineffective-fix records and locks, all on the injected clock. Thread-safe.
 */
public final class Guardian implements ActionGate {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String ALTERNATIVES =
            "; consider a reversible alternative such as scale_to_zero or disable_ingress, approved by a person";

    private final GovernanceSettings settings;
    private final Clock clock;
    private final BlueprintSource blueprints;
    private final KillSwitch killSwitch;
    private final ApprovalBook approvals;
    private final GuardianMemory memory;
    private final MaintenanceCalendar maintenance;
    private final TargetResolver targets;
    private final Map<String, GovernanceSettings> serviceSettings;

    private final Map<String, Instant> lastRun = new HashMap<>();
    private final Map<String, Instant> newestDecision = new HashMap<>();
    private final Map<String, Deque<Instant>> identical = new HashMap<>();
    private final Map<String, Deque<Instant>> perService = new HashMap<>();
    private final Deque<Instant> fleet = new ArrayDeque<>();
    private final List<GateExecution> history = new ArrayList<>();
    private final Map<String, GuardianState.Breaker> breakers = new HashMap<>();
    private final Map<String, GuardianState.FixRecord> fixes = new HashMap<>();
    private final Map<String, GuardianState.TargetLock> locks = new HashMap<>();
    /** For actions that failed verification, by key: the one revert the engine announced for each. */
    private final Map<String, Action> awaitingRevert = new HashMap<>();

    private Guardian(Builder b) {
        this.settings = b.settings;
        this.clock = b.clock;
        this.blueprints = b.blueprints;
        this.killSwitch = b.killSwitch;
        this.approvals = b.approvals;
        this.memory = b.memory;
        this.maintenance = b.maintenance;
        this.targets = b.targets;
        this.serviceSettings = Map.copyOf(b.serviceSettings);
        GuardianState state = memory.load();
        for (GateExecution e : state.executions()) {
            history.add(e);
            count(e);
        }
        breakers.putAll(state.breakers());
        fixes.putAll(state.fixes());
        locks.putAll(state.locks());
    }

    /**
     * @param clock the engine's clock: cooldowns, windows, breakers and locks run on it
     * @param blueprints read at every decision, so a reloaded blueprint applies to the next one
     */
    public static Builder builder(Clock clock, BlueprintSource blueprints) {
        return new Builder(clock, blueprints);
    }

    /**
     * The gate for a fleet without blueprints: healing policies bring their own cooldowns and limits,
     * but the kill switch holds and an empty target means nothing.
     */
    public static ActionGate ungoverned(Clock clock, KillSwitch killSwitch) {
        return new UngovernedGate(clock, killSwitch);
    }

    @Override
    public synchronized GateVerdict check(Action action) {
        Instant now = clock.instant();
        if (!action.type().mutates()) {
            return new GateVerdict.Allow(new Permit(action, now, "guardian"));
        }
        try {
            if (killSwitch.engaged()) {
                return deny(ReasonCode.KILL_SWITCH_ENGAGED, "the kill switch is engaged: no automated action runs");
            }
        } catch (RuntimeException e) {
            return deny(
                    ReasonCode.KILL_SWITCH_ENGAGED,
                    "the kill switch's state cannot be read (" + e.getMessage() + "): failing closed");
        }
        String target = action.target();
        if (target.isBlank() || target.equals("*")) {
            return deny(ReasonCode.EMPTY_TARGET, "no target named: an empty selector means nothing, never everything");
        }
        List<String> touched;
        try {
            touched = targets.resolve(target);
        } catch (RuntimeException e) {
            return deny(
                    ReasonCode.EMPTY_TARGET,
                    target + " could not be resolved (" + e.getMessage() + "): an unresolved target means nothing");
        }
        if (touched.isEmpty()) {
            return deny(ReasonCode.EMPTY_TARGET, target + " resolves to nothing: it means nothing, never everything");
        }
        int cap = settingsFor(target).safety().maxTargetsPerAction();
        if (touched.size() > cap) {
            return deny(
                    ReasonCode.BLAST_RADIUS_EXCEEDED,
                    target + " resolves to " + touched.size() + " targets, more than the " + cap
                            + " one action may touch");
        }
        boolean revert = Reverts.isRevert(action);
        if (revert && !announced(action)) {
            return deny(
                    ReasonCode.UNKNOWN_REVERT,
                    "a revert of " + action.parameters().get(Reverts.REVERT_OF)
                            + ", which is no action on " + target
                            + " that failed its verification and awaits its one rollback");
        }
        Instant newest = newestDecision.get(target);
        if (!revert && newest != null && action.proposedAt().isBefore(newest)) {
            return deny(
                    ReasonCode.STALE_PLAN,
                    "proposed at " + action.proposedAt() + ", before the newest decision for " + target + " at "
                            + newest + ": the world it was planned for is gone");
        }
        if (!revert) {
            Optional<GateVerdict> paused = maintenance(target, now);
            if (paused.isPresent()) {
                return paused.get();
            }
        }
        Optional<String> resources = Operations.resourceProblem(action);
        if (resources.isPresent()) {
            return deny(ReasonCode.PREREQUISITE_MISSING, resources.get());
        }
        if (Operations.requestedReplicas(action) == Integer.MAX_VALUE) {
            return deny(
                    ReasonCode.PREREQUISITE_MISSING,
                    action.type().key() + " needs a whole number of replicas, got '"
                            + action.parameters().get("replicas") + "'");
        }
        BlueprintCatalog catalog;
        try {
            catalog = Objects.requireNonNull(blueprints.current(), "no blueprint catalog");
        } catch (RuntimeException e) {
            return deny(
                    ReasonCode.ACTION_NOT_ALLOWED,
                    "the blueprints in force cannot be read (" + e.getMessage() + "), so nothing is allowed");
        }
        ServiceBlueprint blueprint = catalog.blueprint(target).orElse(null);
        if (blueprint == null) {
            return deny(ReasonCode.ACTION_NOT_ALLOWED, target + " has no blueprint, so no operation is allowed on it");
        }
        GovernanceRules rules = catalog.global().map(blueprint::governedBy).orElse(blueprint.governance());
        String operation = Operations.blueprintOperation(action, blueprint);
        Tier tier = Operations.GLOBALLY_FORBIDDEN.contains(operation) ? Tier.FORBIDDEN : rules.tierOf(operation);
        if (revert
                && tier != Tier.FORBIDDEN
                && blueprint.verification().rollback().enabled()) {
            tier = Tier.AUTONOMOUS;
        }
        boolean approved = false;
        switch (tier) {
            case FORBIDDEN -> {
                return deny(ReasonCode.ACTION_FORBIDDEN, operation + " is forbidden for " + target + ALTERNATIVES);
            }
            case NOT_ALLOWED -> {
                return deny(
                        ReasonCode.ACTION_NOT_ALLOWED, operation + " is not among " + target + "'s allowed operations");
            }
            case REQUIRES_APPROVAL -> {
                if (approvals != null && approvals.isApproved(action)) {
                    approved = true;
                    break;
                }
                List<String> approvers = rules.approvalRulesFor(operation).stream()
                        .flatMap(r -> r.approvers().stream())
                        .distinct()
                        .toList();
                return new GateVerdict.NeedsApproval(
                        ReasonCode.APPROVAL_REQUIRED.name(),
                        operation + " on " + target + " needs approval by " + approvers,
                        operation,
                        approvers);
            }
            case AUTONOMOUS -> {}
        }
        String kind = Operations.eligibilityName(action.type());
        Set<String> eligible = settingsFor(target).eligible().getOrDefault(blueprint.environment(), Set.of());
        if (!eligible.contains(kind)) {
            return deny(
                    ReasonCode.ACTION_ELIGIBILITY_FAILED,
                    kind + " is not permitted in " + blueprint.environment().key() + " (permitted: "
                            + new TreeSet<>(eligible) + ")");
        }
        if (!revert) {
            Optional<GateVerdict> restrained = selfRestraint(action, now);
            if (restrained.isPresent()) {
                return restrained.get();
            }
        }
        GuardianState.TargetLock lock = locks.get(target);
        if (lock != null
                && lock.expiresAt().isAfter(now)
                && !(revert && lock.owner().equals(action.parameters().get(Reverts.REVERT_OF)))) {
            return deny(
                    ReasonCode.TARGET_LOCKED,
                    target + " is locked by " + lock.owner() + " (in flight since " + lock.acquiredAt() + ", lapses at "
                            + lock.expiresAt() + "): never two actions at once on one target");
        }
        String sameKey = target + "|" + action.type() + "|" + new TreeMap<>(action.parameters());
        if (!revert) {
            Optional<GateVerdict> limited = limits(action, sameKey, now);
            if (limited.isPresent()) {
                return limited.get();
            }
        }
        if (settings.dryRun()) {
            return deny(
                    ReasonCode.DRY_RUN,
                    "dry run: " + action.type().key() + " on " + target + " passed every gate and was not executed");
        }
        return permit(action, sameKey, approved, now);
    }

    private Optional<GateVerdict> maintenance(String target, Instant now) {
        try {
            for (MaintenanceWindow w : maintenance.windows()) {
                if (w.covers(target, now)) {
                    return Optional.of(deny(
                            ReasonCode.MAINTENANCE_WINDOW,
                            "maintenance window " + w.id() + " (" + w.when() + ") covers " + target
                                    + (w.reason().isBlank() ? "" : ": " + w.reason()) + "; automation is paused"));
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(deny(
                    ReasonCode.MAINTENANCE_WINDOW,
                    "the maintenance windows cannot be read (" + e.getMessage() + "): failing closed"));
        }
    }

    /** Uncertainty, the circuit breaker, and actions that already failed to fix this target. */
    private Optional<GateVerdict> selfRestraint(Action action, Instant now) {
        String target = action.target();
        SafetyLimits safety = settingsFor(target).safety();
        if (action.confidence() < safety.minConfidence()) {
            return Optional.of(deny(
                    ReasonCode.UNCERTAINTY_NOOP,
                    String.format(
                            java.util.Locale.ROOT,
                            "uncertainty %.2f exceeds %.2f (confidence %.2f): noop instead of %s",
                            1 - action.confidence(),
                            1 - safety.minConfidence(),
                            action.confidence(),
                            action.type().key())));
        }
        GuardianState.Breaker breaker = breakers.getOrDefault(target, GuardianState.Breaker.CLOSED);
        if (breaker.openedAt().isPresent()) {
            Instant halfOpen = breaker.openedAt().get().plus(safety.breakerOpenFor());
            if (now.isBefore(halfOpen)) {
                return Optional.of(deny(
                        ReasonCode.CIRCUIT_OPEN,
                        target + "'s circuit breaker opened at "
                                + breaker.openedAt().get() + " after " + breaker.failures() + " failures; half-open at "
                                + halfOpen));
            }
            if (breaker.trialInFlight()) {
                return Optional.of(deny(
                        ReasonCode.CIRCUIT_OPEN,
                        target + "'s circuit breaker is half-open and its one trial action has not reported yet"));
            }
        }
        GuardianState.FixRecord fix = fixes.get(fixKey(action));
        if (fix != null && fix.blockedUntil().filter(now::isBefore).isPresent()) {
            return Optional.of(deny(
                    ReasonCode.INEFFECTIVE_FIX,
                    action.type().key() + " failed to fix " + target + " " + fix.misses()
                            + " times in a row; not tried again before "
                            + fix.blockedUntil().get()
                            + " — escalate to a person"));
        }
        return Optional.empty();
    }

    private Optional<GateVerdict> limits(Action action, String sameKey, Instant now) {
        String target = action.target();
        String cooldownKey = target + "|" + action.type();
        GovernanceSettings own = settingsFor(target);
        Duration cooldown = own.cooldowns().getOrDefault(action.type(), Duration.ZERO);
        Instant last = lastRun.get(cooldownKey);
        if (last != null && Duration.between(last, now).compareTo(cooldown) < 0) {
            long left = cooldown.minus(Duration.between(last, now)).toSeconds();
            return Optional.of(deny(
                    ReasonCode.COOLDOWN_ACTIVE,
                    action.type().key() + " on " + target + " is cooling down: " + cooldown.toSeconds() + "s, " + left
                            + "s left"));
        }
        Deque<Instant> same = window(identical, sameKey, now, own.repetitionWindow());
        if (same.size() >= own.repetitionLimit()) {
            return Optional.of(deny(
                    ReasonCode.REPETITION_SUPPRESSED,
                    "the same " + action.type().key() + " on " + target + " ran " + same.size() + " times in the last "
                            + own.repetitionWindow().toSeconds() + "s"));
        }
        Deque<Instant> service = window(perService, target, now, HOUR);
        if (service.size() >= own.perServicePerHour()) {
            return Optional.of(deny(
                    ReasonCode.RATE_LIMITED,
                    target + " had " + service.size() + " actions in the last hour, max " + own.perServicePerHour()));
        }
        prune(fleet, now, HOUR);
        if (fleet.size() >= settings.globalPerHour()) {
            return Optional.of(deny(
                    ReasonCode.GLOBAL_RATE_LIMITED,
                    fleet.size() + " actions across the fleet in the last hour, max " + settings.globalPerHour()));
        }
        return Optional.empty();
    }

    /** Remembers the action, locks its target, and only then mints its permit. */
    private GateVerdict permit(Action action, String sameKey, boolean approved, Instant now) {
        String target = action.target();
        GateExecution execution = new GateExecution(now, target, action.type(), sameKey, action.idempotencyKey());
        List<GateExecution> remembered = new ArrayList<>(history);
        remembered.removeIf(e -> !e.at().isAfter(now.minus(HOUR)));
        remembered.add(execution);
        Map<String, GuardianState.TargetLock> lockedNow = new HashMap<>(locks);
        String owner = Reverts.isRevert(action) ? action.parameters().get(Reverts.REVERT_OF) : action.idempotencyKey();
        lockedNow.put(
                target,
                new GuardianState.TargetLock(
                        owner, now, now.plus(settingsFor(target).safety().lockLease())));
        Map<String, GuardianState.Breaker> breakersNow = new HashMap<>(breakers);
        GuardianState.Breaker breaker = breakers.get(target);
        if (breaker != null && breaker.openedAt().isPresent() && !Reverts.isRevert(action)) {
            breakersNow.put(target, new GuardianState.Breaker(breaker.failures(), breaker.openedAt(), true));
        }
        try {
            // Remembered before it counts: a restart must not reset the cooldown this action starts.
            memory.save(new GuardianState(remembered, breakersNow, fixes, lockedNow));
        } catch (RuntimeException e) {
            return deny(
                    ReasonCode.GATE_STATE_UNAVAILABLE,
                    "the Guardian could not record this action's cooldown and budget (" + e.getMessage()
                            + "), so it is refused");
        }
        history.clear();
        history.addAll(remembered);
        locks.clear();
        locks.putAll(lockedNow);
        breakers.clear();
        breakers.putAll(breakersNow);
        if (approved) {
            // Used only now that every other gate allowed it: an approval is not spent on a refusal.
            approvals.use(action);
        }
        if (Reverts.isRevert(action)) {
            awaitingRevert.remove(action.parameters().get(Reverts.REVERT_OF));
        }
        count(execution);
        return new GateVerdict.Allow(new Permit(action, now, "guardian"));
    }

    @Override
    public synchronized void completed(Permit permit, ActionOutcome outcome, Optional<Instant> verifiedBy) {
        Action action = permit.action();
        if (!action.type().mutates()) {
            return;
        }
        String target = action.target();
        boolean revert = Reverts.isRevert(action);
        boolean verifying = verifiedBy.isPresent() && outcome.applied();
        switch (outcome.status()) {
            case FAILED -> failure(target);
            case SUCCEEDED -> {
                // A revert undoes harm; its success does not show the service healthy again.
                if (!verifying && !revert) {
                    success(target);
                }
            }
            case SKIPPED, REFUSED -> endTrial(target);
        }
        if (verifying) {
            // Held until the verdict: past its deadline the engine fails the verification and unlocks.
            GuardianState.TargetLock lock = locks.get(target);
            if (lock != null && lock.owner().equals(owner(action))) {
                locks.put(
                        target,
                        new GuardianState.TargetLock(
                                lock.owner(),
                                lock.acquiredAt(),
                                verifiedBy
                                        .get()
                                        .plus(settingsFor(target).safety().lockLease())));
            }
        } else {
            unlock(target, owner(action));
        }
        remember();
    }

    @Override
    public synchronized void verified(Action action, boolean healthy, Optional<Action> revert) {
        String target = action.target();
        unlock(target, owner(action));
        if (Reverts.isRevert(action)) {
            remember();
            return;
        }
        Instant now = clock.instant();
        if (healthy) {
            success(target);
            fixes.remove(fixKey(action));
        } else {
            failure(target);
            revert.filter(r -> r.target().equals(target)
                            && action.idempotencyKey().equals(r.parameters().get(Reverts.REVERT_OF)))
                    .ifPresent(r -> awaitingRevert.put(action.idempotencyKey(), r));
            GuardianState.FixRecord was =
                    fixes.getOrDefault(fixKey(action), new GuardianState.FixRecord(0, Optional.empty()));
            int misses = was.misses() + 1;
            SafetyLimits safety = settingsFor(target).safety();
            fixes.put(
                    fixKey(action),
                    new GuardianState.FixRecord(
                            misses,
                            misses >= safety.ineffectiveLimit()
                                    ? Optional.of(now.plus(safety.ineffectiveBlock()))
                                    : Optional.empty()));
        }
        remember();
    }

    /** A snapshot of what the Guardian holds, for {@code arf governance status}. */
    public synchronized GuardianState state() {
        return new GuardianState(history, breakers, fixes, locks);
    }

    /** A revert is genuine only if it is, field for field, the one the engine announced. */
    private boolean announced(Action revert) {
        Action expected = awaitingRevert.get(revert.parameters().get(Reverts.REVERT_OF));
        return expected != null
                && expected.idempotencyKey().equals(revert.idempotencyKey())
                && expected.type() == revert.type()
                && expected.target().equals(revert.target())
                && expected.parameters().equals(revert.parameters());
    }

    /** The service's own thresholds where it has them, else the defaults. */
    private GovernanceSettings settingsFor(String target) {
        return serviceSettings.getOrDefault(target, settings);
    }

    private void failure(String target) {
        GuardianState.Breaker b = breakers.getOrDefault(target, GuardianState.Breaker.CLOSED);
        int failures = b.failures() + 1;
        boolean open = failures >= settingsFor(target).safety().breakerFailures()
                || b.openedAt().isPresent();
        breakers.put(
                target,
                new GuardianState.Breaker(failures, open ? Optional.of(clock.instant()) : Optional.empty(), false));
    }

    private void success(String target) {
        breakers.remove(target);
    }

    private void endTrial(String target) {
        GuardianState.Breaker b = breakers.get(target);
        if (b != null && b.trialInFlight()) {
            breakers.put(target, new GuardianState.Breaker(b.failures(), b.openedAt(), false));
        }
    }

    private void unlock(String target, String owner) {
        GuardianState.TargetLock lock = locks.get(target);
        if (lock != null && lock.owner().equals(owner)) {
            locks.remove(target);
        }
    }

    /** Outcomes are remembered on a best-effort basis: the next allowed action saves them again. */
    private void remember() {
        try {
            memory.save(state());
        } catch (RuntimeException e) {
            // The in-memory state is right; it is written with the next permit, which fails closed.
        }
    }

    private static String owner(Action action) {
        return Reverts.isRevert(action) ? action.parameters().get(Reverts.REVERT_OF) : action.idempotencyKey();
    }

    private static String fixKey(Action action) {
        return action.target() + "|" + action.type().key();
    }

    /** Adds an allowed action to the cooldowns, repetition windows and budgets. */
    private void count(GateExecution e) {
        lastRun.merge(e.target() + "|" + e.type(), e.at(), (a, b) -> a.isAfter(b) ? a : b);
        identical.computeIfAbsent(e.sameKey(), k -> new ArrayDeque<>()).addLast(e.at());
        perService.computeIfAbsent(e.target(), k -> new ArrayDeque<>()).addLast(e.at());
        fleet.addLast(e.at());
        newestDecision.merge(e.target(), e.at(), (a, b) -> a.isAfter(b) ? a : b);
    }

    private static Deque<Instant> window(Map<String, Deque<Instant>> windows, String key, Instant now, Duration span) {
        Deque<Instant> times = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(times, now, span);
        return times;
    }

    /** Keeps only the instants in {@code (now - span, now]}: memory stays bounded by the limits. */
    private static void prune(Deque<Instant> times, Instant now, Duration span) {
        Instant horizon = now.minus(span);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }

    private static GateVerdict deny(ReasonCode code, String explanation) {
        return new GateVerdict.Deny(code.name(), explanation);
    }

    /** What the Guardian consults; only the clock and the blueprints are required. */
    public static final class Builder {
        private final Clock clock;
        private final BlueprintSource blueprints;
        private GovernanceSettings settings = GovernanceSettings.defaults();
        private KillSwitch killSwitch = KillSwitch.NEVER;
        private ApprovalBook approvals;
        private GuardianMemory memory = GuardianMemory.NONE;
        private MaintenanceCalendar maintenance = MaintenanceCalendar.NONE;
        private TargetResolver targets = TargetResolver.ONE_SERVICE;
        private Map<String, GovernanceSettings> serviceSettings = Map.of();

        private Builder(Clock clock, BlueprintSource blueprints) {
            this.clock = Objects.requireNonNull(clock, "clock");
            this.blueprints = Objects.requireNonNull(blueprints, "blueprints");
        }

        public Builder settings(GovernanceSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder killSwitch(KillSwitch killSwitch) {
            this.killSwitch = Objects.requireNonNull(killSwitch, "killSwitch");
            return this;
        }

        /**
         * Where approvals of restricted actions are found; an approved action passes the approval tier
         * once, and only if every other gate still allows it at that moment.
         */
        public Builder approvals(ApprovalBook approvals) {
            this.approvals = approvals;
            return this;
        }

        /** Where its state is kept across restarts; what it holds is counted again at construction. */
        public Builder memory(GuardianMemory memory) {
            this.memory = Objects.requireNonNull(memory, "memory");
            return this;
        }

        public Builder maintenance(MaintenanceCalendar maintenance) {
            this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
            return this;
        }

        public Builder targets(TargetResolver targets) {
            this.targets = Objects.requireNonNull(targets, "targets");
            return this;
        }

        /**
         * Thresholds for particular services (eligibility, cooldowns, repetition, hourly budget, safety
         * limits); the fleet-wide budget and dry run always come from {@link #settings}.
         */
        public Builder serviceSettings(Map<String, GovernanceSettings> perService) {
            this.serviceSettings = Map.copyOf(perService);
            return this;
        }

        public Guardian build() {
            return new Guardian(this);
        }
    }
}
