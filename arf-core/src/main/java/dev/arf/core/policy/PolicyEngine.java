package dev.arf.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates healing policies against a {@link PolicyContext} and says which fire and which are held
 * back by their cooldown or hourly limit (seed 000's PolicyEngine).
 *
 * <p><b>Evaluation has no side effects.</b> {@link #evaluate} only proposes; an execution counts
 * towards a policy's cooldown and hourly limit when the caller confirms it with {@link
 * #recordExecution} — typically after governance allowed the proposed actions. A proposal refused
 * downstream therefore does not burn the cooldown, and evaluating the same context twice gives the
 * same answer.
 *
 * <p>Cooldown and limit are tracked per (policy, service) on the context's {@code now}, never on the
 * wall clock: a policy is in cooldown while {@code now - lastExecution < cooldown}, and rate limited
 * while it has {@code maxExecutionsPerHour} executions in {@code (now - 1h, now]}. Memory is bounded:
 * per (policy, service) only the last hour's executions are kept, at most {@code
 * maxExecutionsPerHour} of them.
 *
 * <p>Thread-safe.
 */
public final class PolicyEngine {
    private final List<HealingPolicy> policies;
    private final Map<String, HealingPolicy> byName;
    private final Map<Key, ExecutionHistory> history = new HashMap<>();

    /**
     * @throws IllegalArgumentException when two policies share a name
     */
    public PolicyEngine(List<HealingPolicy> policies) {
        this.policies = policies.stream()
                .sorted(Comparator.comparingInt(HealingPolicy::priority).thenComparing(HealingPolicy::name))
                .toList();
        Map<String, HealingPolicy> names = new LinkedHashMap<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (HealingPolicy p : this.policies) {
            if (names.putIfAbsent(p.name(), p) != null) {
                duplicates.add(p.name());
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException("policy names must be unique; duplicated: " + duplicates);
        }
        this.byName = Map.copyOf(names);
    }

    /** The policies, by priority (1 first) then name. */
    public List<HealingPolicy> policies() {
        return policies;
    }

    /**
     * Every enabled policy that applies to the context's service and whose conditions all hold (a
     * missing metric, NaN, never holds), sorted by priority (1 first) then name, each FIRED or
     * SUPPRESSED with its reason. Records nothing.
     */
    public synchronized List<PolicyMatch> evaluate(PolicyContext context) {
        Objects.requireNonNull(context, "context");
        List<PolicyMatch> matches = new ArrayList<>();
        for (HealingPolicy policy : policies) {
            if (!policy.enabled() || !policy.appliesTo(context.service()) || !policy.appliesToCause(context.cause())) {
                continue;
            }
            List<PolicyMatch.MatchedCondition> held = conditionsHeld(policy, context);
            if (held != null) {
                matches.add(judge(policy, context, held));
            }
        }
        return List.copyOf(matches);
    }

    /** The distinct actions proposed by the fired matches, in the matches' order. */
    public static List<HealingAction> proposedActions(List<PolicyMatch> matches) {
        Set<HealingAction> actions = new LinkedHashSet<>();
        for (PolicyMatch m : matches) {
            actions.addAll(m.proposedActions());
        }
        return List.copyOf(actions);
    }

    /**
     * Confirms that {@code policyName} was executed for {@code service} at {@code at}; from then on it
     * counts towards the policy's cooldown and hourly limit for that service. Recording an execution
     * the engine had suppressed is allowed (an operator may force one); it simply counts.
     *
     * @throws IllegalArgumentException when no policy has that name
     */
    public synchronized void recordExecution(String policyName, String service, Instant at) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(at, "at");
        HealingPolicy policy = policy(policyName);
        history.computeIfAbsent(
                        new Key(policy.name(), service), k -> new ExecutionHistory(policy.maxExecutionsPerHour()))
                .record(at);
    }

    /** The execution history, sorted by policy then service, to persist across restarts. */
    public synchronized PolicyEngineState exportState() {
        Map<Key, ExecutionHistory> sorted =
                new TreeMap<>(Comparator.comparing(Key::policy).thenComparing(Key::service));
        sorted.putAll(history);
        List<PolicyEngineState.Executions> out = new ArrayList<>();
        sorted.forEach((k, h) -> {
            if (!h.isEmpty()) {
                out.add(new PolicyEngineState.Executions(k.policy(), k.service(), h.snapshot()));
            }
        });
        return new PolicyEngineState(out);
    }

    /**
     * Replaces the execution history with {@code state}. Entries for policies this engine does not
     * know (removed since the state was saved) are dropped; the memory bounds are applied again.
     */
    public synchronized void importState(PolicyEngineState state) {
        Objects.requireNonNull(state, "state");
        history.clear();
        for (PolicyEngineState.Executions e : state.executions()) {
            HealingPolicy policy = byName.get(e.policy());
            if (policy == null) {
                continue;
            }
            ExecutionHistory h = history.computeIfAbsent(
                    new Key(policy.name(), e.service()), k -> new ExecutionHistory(policy.maxExecutionsPerHour()));
            e.instants().forEach(h::record);
        }
    }

    private HealingPolicy policy(String name) {
        HealingPolicy policy = byName.get(Objects.requireNonNull(name, "policyName"));
        if (policy == null) {
            throw new IllegalArgumentException("unknown policy '" + name + "'");
        }
        return policy;
    }

    /** The conditions with their values when all hold, else null. */
    private static List<PolicyMatch.MatchedCondition> conditionsHeld(HealingPolicy policy, PolicyContext context) {
        List<PolicyMatch.MatchedCondition> held =
                new ArrayList<>(policy.conditions().size());
        for (PolicyCondition c : policy.conditions()) {
            double actual = context.value(c.metric());
            if (!c.operator().test(actual, c.threshold())) {
                return null;
            }
            held.add(new PolicyMatch.MatchedCondition(c, actual));
        }
        return held;
    }

    private PolicyMatch judge(HealingPolicy policy, PolicyContext context, List<PolicyMatch.MatchedCondition> held) {
        ExecutionHistory h = history.get(new Key(policy.name(), context.service()));
        Instant now = context.now();
        if (h != null && !h.isEmpty()) {
            Duration since = Duration.between(h.last(), now);
            if (since.compareTo(policy.cooldown()) < 0) {
                Duration left = policy.cooldown().minus(since);
                return new PolicyMatch(
                        policy,
                        PolicyMatch.Outcome.SUPPRESSED,
                        PolicyMatch.COOLDOWN_ACTIVE,
                        "cooldown " + seconds(policy.cooldown()) + ", " + seconds(left) + " left",
                        held);
            }
            int count = h.countInWindow(now);
            if (count >= policy.maxExecutionsPerHour()) {
                Duration left = Duration.between(now, h.oldestInWindow(now).plus(ExecutionHistory.WINDOW));
                return new PolicyMatch(
                        policy,
                        PolicyMatch.Outcome.SUPPRESSED,
                        PolicyMatch.RATE_LIMITED,
                        count + (count == 1 ? " execution" : " executions") + " in the last hour, max "
                                + policy.maxExecutionsPerHour() + " (next allowed in " + seconds(left) + ")",
                        held);
            }
        }
        return new PolicyMatch(
                policy,
                PolicyMatch.Outcome.FIRED,
                PolicyMatch.FIRED,
                String.join(" and ", held.stream().map(Object::toString).toList()),
                held);
    }

    /** Whole seconds, rounded up so that "0s left" is never shown while still waiting. */
    private static String seconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return s + "s";
    }

    private record Key(String policy, String service) {}
}
