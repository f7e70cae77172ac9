package dev.arf.core.governance;

import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Tier;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionGate;
import dev.arf.core.execute.GateVerdict;
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
import java.util.Set;

/**
 * The governance gate (seeds 002 and 003): whether a proposed action may run on its own, needs a
 * person, or is refused, and why. Gates, in order, the first refusal wins:
 *
 * <ol>
 *   <li>kill switch (fails closed if its state cannot be read);
 *   <li>a target must be named;
 *   <li>a plan older than the newest decision for its target is stale;
 *   <li>the blueprint's tier: forbidden, not allowed (no blueprint means nothing is allowed), approval
 *       required ({@link GateVerdict.NeedsApproval}, unless a person approved this exact action) —
 *       global forbidden operations apply to every service of their environment;
 *   <li>environment eligibility;
 *   <li>cooldown per action kind and service;
 *   <li>repetition suppression for identical actions;
 *   <li>hourly budgets per service and fleet-wide;
 *   <li>dry run.
 * </ol>
 *
 * Actions that change nothing (alert, no-op) pass every gate: telling people is always safe. An
 * allowed action counts towards cooldowns and budgets from the moment it is allowed, all on the
 * injected clock. Thread-safe.
 */
public final class Guardian implements ActionGate {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String ALTERNATIVES =
            "; consider a reversible alternative such as scale_to_zero or disable_ingress, approved by a person";

    private final GovernanceSettings settings;
    private final Clock clock;
    private final BlueprintCatalog blueprints;
    private final KillSwitch killSwitch;
    private final ApprovalBook approvals;
    private final Map<String, Instant> lastRun = new HashMap<>();
    private final Map<String, Instant> newestDecision = new HashMap<>();
    private final Map<String, Deque<Instant>> identical = new HashMap<>();
    private final Map<String, Deque<Instant>> perService = new HashMap<>();
    private final Deque<Instant> fleet = new ArrayDeque<>();
    private final List<GateExecution> history = new ArrayList<>();
    private final GuardianMemory memory;

    public Guardian(GovernanceSettings settings, Clock clock, BlueprintCatalog blueprints, KillSwitch killSwitch) {
        this(settings, clock, blueprints, killSwitch, null);
    }

    /**
     * @param approvals where approvals of restricted actions are found; an approved action passes the
     *     approval tier once, and only if every other gate still allows it at that moment
     */
    public Guardian(
            GovernanceSettings settings,
            Clock clock,
            BlueprintCatalog blueprints,
            KillSwitch killSwitch,
            ApprovalBook approvals) {
        this(settings, clock, blueprints, killSwitch, approvals, GuardianMemory.NONE);
    }

    /**
     * @param memory where allowed actions are remembered across restarts; what it holds is counted
     *     again at construction, so cooldowns, windows and budgets carry on where they were
     */
    public Guardian(
            GovernanceSettings settings,
            Clock clock,
            BlueprintCatalog blueprints,
            KillSwitch killSwitch,
            ApprovalBook approvals,
            GuardianMemory memory) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.blueprints = Objects.requireNonNull(blueprints, "blueprints");
        this.killSwitch = Objects.requireNonNull(killSwitch, "killSwitch");
        this.approvals = approvals;
        this.memory = Objects.requireNonNull(memory, "memory");
        for (GateExecution e : memory.load()) {
            history.add(e);
            count(e);
        }
    }

    @Override
    public synchronized GateVerdict check(Action action) {
        if (!action.type().mutates()) {
            return new GateVerdict.Allow();
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
        Instant newest = newestDecision.get(target);
        if (newest != null && action.proposedAt().isBefore(newest)) {
            return deny(
                    ReasonCode.STALE_PLAN,
                    "proposed at " + action.proposedAt() + ", before the newest decision for " + target + " at "
                            + newest + ": the world it was planned for is gone");
        }
        ServiceBlueprint blueprint = blueprints.blueprint(target).orElse(null);
        if (blueprint == null) {
            return deny(ReasonCode.ACTION_NOT_ALLOWED, target + " has no blueprint, so no operation is allowed on it");
        }
        GovernanceRules rules = blueprints.global().map(blueprint::governedBy).orElse(blueprint.governance());
        String operation =
                Operations.blueprintOperation(action, blueprint.scaling().maxReplicas());
        Tier tier = rules.tierOf(operation);
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
        Set<String> eligible = settings.eligible().getOrDefault(blueprint.environment(), Set.of());
        if (!eligible.contains(kind)) {
            return deny(
                    ReasonCode.ACTION_ELIGIBILITY_FAILED,
                    kind + " is not permitted in " + blueprint.environment().key() + " (permitted: "
                            + new java.util.TreeSet<>(eligible) + ")");
        }
        Instant now = clock.instant();
        String cooldownKey = target + "|" + action.type();
        Duration cooldown = settings.cooldowns().getOrDefault(action.type(), Duration.ZERO);
        Instant last = lastRun.get(cooldownKey);
        if (last != null && Duration.between(last, now).compareTo(cooldown) < 0) {
            long left = cooldown.minus(Duration.between(last, now)).toSeconds();
            return deny(
                    ReasonCode.COOLDOWN_ACTIVE,
                    action.type().key() + " on " + target + " is cooling down: " + cooldown.toSeconds() + "s, " + left
                            + "s left");
        }
        String sameKey = target + "|" + action.type() + "|" + new java.util.TreeMap<>(action.parameters());
        Deque<Instant> same = window(identical, sameKey, now, settings.repetitionWindow());
        if (same.size() >= settings.repetitionLimit()) {
            return deny(
                    ReasonCode.REPETITION_SUPPRESSED,
                    "the same " + action.type().key() + " on " + target + " ran " + same.size() + " times in the last "
                            + settings.repetitionWindow().toSeconds() + "s");
        }
        Deque<Instant> service = window(perService, target, now, HOUR);
        if (service.size() >= settings.perServicePerHour()) {
            return deny(
                    ReasonCode.RATE_LIMITED,
                    target + " had " + service.size() + " actions in the last hour, max "
                            + settings.perServicePerHour());
        }
        prune(fleet, now, HOUR);
        if (fleet.size() >= settings.globalPerHour()) {
            return deny(
                    ReasonCode.GLOBAL_RATE_LIMITED,
                    fleet.size() + " actions across the fleet in the last hour, max " + settings.globalPerHour());
        }
        if (settings.dryRun()) {
            return deny(
                    ReasonCode.DRY_RUN,
                    "dry run: " + action.type().key() + " on " + target + " passed every gate and was not executed");
        }
        GateExecution execution = new GateExecution(now, target, action.type(), sameKey);
        List<GateExecution> remembered = new ArrayList<>(history);
        remembered.removeIf(e -> !e.at().isAfter(now.minus(HOUR)));
        remembered.add(execution);
        try {
            // Remembered before it counts: a restart must not reset the cooldown this action starts.
            memory.save(remembered);
        } catch (RuntimeException e) {
            return deny(
                    ReasonCode.GATE_STATE_UNAVAILABLE,
                    "the Guardian could not record this action's cooldown and budget (" + e.getMessage()
                            + "), so it is refused");
        }
        history.clear();
        history.addAll(remembered);
        if (approved) {
            // Used only now that every other gate allowed it: an approval is not spent on a refusal.
            approvals.use(action);
        }
        count(execution);
        return new GateVerdict.Allow();
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
}
