package dev.arf.kubernetes;

import dev.arf.core.blueprint.Units;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.Actuator;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.governance.Permit;
import dev.arf.core.policy.HealingAction;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link Actuator} for Kubernetes workloads: scales, restarts and rolls back the Deployment or
 * StatefulSet a service name maps to ({@link TargetMapping}).
 *
 * <ul>
 *   <li>{@code scale_out} / {@code scale_in}: parameter {@value #REPLICAS} is the absolute count. Without
 *       it, scale-out adds half the replicas (at least one) and scale-in removes a third (at least one),
 *       never going below one; only an explicit {@code replicas=0} scales to zero. A count that goes the
 *       other way (a scale-out to fewer replicas) fails: the governance tier allowed one direction only.
 *   <li>{@code restart_container}: a rollout restart, as {@code kubectl rollout restart} does it: the pod
 *       template's {@value #RESTARTED_AT} annotation is set to now, and the controller replaces the pods
 *       under the workload's own rollout strategy.
 *   <li>{@code rollback}: back to the previous revision, or to parameter {@value #REVISION}, as {@code
 *       kubectl rollout undo} does it: the revision's pod template (a Deployment's ReplicaSet, a
 *       StatefulSet's ControllerRevision) is written back into the workload.
 * </ul>
 *
 * <p>Idempotency survives restarts of ARF: the keys of the last {@link #DEFAULT_REMEMBERED_KEYS} applied
 * actions are kept on the workload itself, in the {@value #ACTION_KEYS} annotation, written in the same
 * update as the change (so a change and its key are recorded together or not at all); the newest is also
 * in {@value #LAST_ACTION_KEY}. A repeated key is SKIPPED. A FAILED attempt does not consume its key.
 * Updates carry the workload's {@code resourceVersion}, so a concurrent change makes the update fail
 * with 409 instead of overwriting it.
 *
 * <p>Every API error (404, 403, 409, an unreachable server …) becomes a FAILED outcome with a reason;
 * {@link #execute} never throws for one.
 */
public final class KubernetesActuator implements Actuator {
    /** The newest idempotency key applied to a workload. */
    public static final String LAST_ACTION_KEY = "arf.dev/last-action-key";
    /** The keys of the newest applied actions, oldest first, as a JSON array of strings. */
    public static final String ACTION_KEYS = "arf.dev/action-keys";
    /** The pod template annotation {@code kubectl rollout restart} sets. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    public static final String REPLICAS = TargetSnapshot.REPLICAS;
    public static final String REVISION = TargetSnapshot.REVISION;
    public static final int DEFAULT_REMEMBERED_KEYS = 32;

    /** Annotations {@code kubectl rollout undo} does not copy from a ReplicaSet back to its Deployment. */
    private static final Set<String> NOT_ROLLED_BACK = Set.of(
            "kubectl.kubernetes.io/last-applied-configuration",
            Workload.DEPLOYMENT_REVISION,
            "deployment.kubernetes.io/revision-history",
            "deployment.kubernetes.io/desired-replicas",
            "deployment.kubernetes.io/max-replicas",
            "deprecated.deployment.rollback.to");

    private static final Set<HealingAction> SUPPORTED = EnumSet.of(
            HealingAction.SCALE_OUT,
            HealingAction.SCALE_IN,
            HealingAction.RESTART_CONTAINER,
            HealingAction.ROLLBACK,
            HealingAction.ADJUST_RESOURCES);

    private final KubernetesClient client;
    private final TargetMapping mapping;
    private final Clock clock;
    private final int rememberedKeys;
    private final Revisions revisions;

    public KubernetesActuator(KubernetesClient client, TargetMapping mapping, Clock clock) {
        this(client, mapping, clock, DEFAULT_REMEMBERED_KEYS);
    }

    /** @param rememberedKeys how many applied keys each workload keeps (at least 1) */
    public KubernetesActuator(KubernetesClient client, TargetMapping mapping, Clock clock, int rememberedKeys) {
        this.client = Objects.requireNonNull(client, "client");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (rememberedKeys < 1) {
            throw new IllegalArgumentException("rememberedKeys must be at least 1, was " + rememberedKeys);
        }
        this.rememberedKeys = rememberedKeys;
        this.revisions = new Revisions(client);
    }

    public TargetMapping mapping() {
        return mapping;
    }

    /** A resolver for the Guardian over the same cluster and mapping. */
    public LabelSelectorResolver resolver() {
        return new LabelSelectorResolver(client, mapping);
    }

    /** Scale, restart, rollback and resource requests, on a service this actuator's mapping covers. */
    @Override
    public boolean handles(Action action) {
        return SUPPORTED.contains(action.type())
                && mapping.find(action.target()).isPresent();
    }

    @Override
    public synchronized ActionOutcome execute(Permit permit) {
        Action action = permit.redeem();
        Optional<KubernetesTarget> mapped = mapping.find(action.target());
        if (mapped.isEmpty()) {
            return outcome(
                    action,
                    ActionOutcome.Status.FAILED,
                    "no Kubernetes workload is mapped to '" + action.target() + "'");
        }
        KubernetesTarget target = mapped.get();
        if (!SUPPORTED.contains(action.type())) {
            return outcome(
                    action,
                    ActionOutcome.Status.FAILED,
                    action.type().key() + " is not supported by the Kubernetes actuator"
                            + " (it does scale_out, scale_in, restart_container, rollback and adjust_resources)");
        }
        String doing = gerund(action.type()) + " " + target;
        try {
            Optional<Workload> found = fetch(target);
            if (found.isEmpty()) {
                return outcome(
                        action,
                        ActionOutcome.Status.FAILED,
                        target + " not found (404): nothing to " + verb(action.type()));
            }
            Workload workload = found.get();
            List<String> applied;
            try {
                applied = appliedKeys(workload);
            } catch (RuntimeException e) {
                return outcome(
                        action,
                        ActionOutcome.Status.FAILED,
                        "the " + ACTION_KEYS + " annotation on " + target + " is unreadable (" + e.getMessage()
                                + "), so ARF cannot tell whether this action was applied already; fix or remove it");
            }
            if (applied.contains(action.idempotencyKey())) {
                return outcome(
                        action,
                        ActionOutcome.Status.SKIPPED,
                        "already applied to " + target + " under idempotency key " + action.idempotencyKey());
            }
            Plan plan = switch (action.type()) {
                case SCALE_OUT, SCALE_IN -> scale(action, workload);
                case RESTART_CONTAINER -> restart(workload);
                case ROLLBACK -> rollback(action, workload);
                case ADJUST_RESOURCES -> resources(action, workload);
                default -> throw new IllegalStateException("unreachable: " + action.type());
            };
            if (!(plan instanceof Plan.Apply apply)) {
                return outcome(
                        action,
                        plan instanceof Plan.Skip ? ActionOutcome.Status.SKIPPED : ActionOutcome.Status.FAILED,
                        plan.detail());
            }
            remember(workload, applied, action.idempotencyKey());
            client.resource(workload.resource()).update();
            return outcome(action, ActionOutcome.Status.SUCCEEDED, apply.detail());
        } catch (KubernetesClientException e) {
            return outcome(action, ActionOutcome.Status.FAILED, ApiErrors.describe(doing, e));
        } catch (RuntimeException e) {
            return outcome(
                    action,
                    ActionOutcome.Status.FAILED,
                    "unexpected error while " + doing + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Replicas ({@value #REPLICAS}) and current revision ({@value #REVISION}, when the workload has
     * one), enough to scale back or roll back; empty when the target is unmapped, missing or unreadable.
     */
    @Override
    public Optional<TargetSnapshot> snapshot(String target) {
        Optional<KubernetesTarget> mapped = mapping.find(target);
        if (mapped.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<Workload> found = fetch(mapped.get());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Workload workload = found.get();
            Map<String, String> state = new LinkedHashMap<>();
            state.put(REPLICAS, Integer.toString(workload.replicas()));
            currentRevision(workload).ifPresent(r -> state.put(REVISION, Long.toString(r)));
            state.put("workload", mapped.get().toString());
            firstRequest(workload, TargetSnapshot.MEMORY).ifPresent(q -> state.put(TargetSnapshot.MEMORY, q));
            firstRequest(workload, TargetSnapshot.CPU).ifPresent(q -> state.put(TargetSnapshot.CPU, q));
            return Optional.of(new TargetSnapshot(target, state, clock.instant()));
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }

    /**
     * The workload's replica counts, whether its controller has caught up with the latest spec, and its
     * revision; empty when the service is unmapped or its workload does not exist.
     *
     * @throws KubernetesApiException when the API fails otherwise (403, unreachable …), saying why
     */
    public Optional<WorkloadStatus> status(String target) {
        Optional<KubernetesTarget> mapped = mapping.find(target);
        if (mapped.isEmpty()) {
            return Optional.empty();
        }
        try {
            return fetch(mapped.get()).map(w -> w.status(currentRevision(w).map(r -> Long.toString(r))));
        } catch (KubernetesClientException e) {
            throw ApiErrors.wrap("reading the status of " + mapped.get(), e);
        }
    }

    // --- the changes ---------------------------------------------------------------------------

    /** What an action would do to a workload already read; {@code Apply} has changed it in memory. */
    private sealed interface Plan {
        String detail();

        record Apply(String detail) implements Plan {}

        record Skip(String detail) implements Plan {}

        record Fail(String detail) implements Plan {}
    }

    private Plan scale(Action action, Workload workload) {
        boolean out = action.type() == HealingAction.SCALE_OUT;
        int current = workload.replicas();
        int wanted;
        String asked = action.parameters().get(REPLICAS);
        if (asked != null) {
            try {
                wanted = Integer.parseInt(asked.trim());
            } catch (NumberFormatException e) {
                return new Plan.Fail("parameter replicas must be a whole number, was '" + asked + "'");
            }
            if (wanted < 0) {
                return new Plan.Fail("parameter replicas must not be negative, was " + wanted);
            }
            if (out && wanted < current) {
                return new Plan.Fail("scale_out to " + wanted + " replicas would shrink " + workload.target + " from "
                        + current + ": that is a scale_in");
            }
            if (!out && wanted > current) {
                return new Plan.Fail("scale_in to " + wanted + " replicas would grow " + workload.target + " from "
                        + current + ": that is a scale_out");
            }
        } else {
            wanted = out ? defaultScaleOut(current) : defaultScaleIn(current);
        }
        if (wanted == current) {
            return new Plan.Skip("nothing to do: " + workload.target + " already has " + current + " replicas");
        }
        workload.replicas(wanted);
        return new Plan.Apply("scaled " + workload.target + " from " + current + " to " + wanted + " replicas");
    }

    /** Half as many again, at least one more. */
    static int defaultScaleOut(int current) {
        return Math.max(current + 1, (int) Math.ceil(current * 1.5));
    }

    /** A third fewer, at least one fewer, never below one (and never up). */
    static int defaultScaleIn(int current) {
        return Math.min(current, Math.max(1, current - Math.max(1, current / 3)));
    }

    /**
     * New requests ({@code memory}, {@code cpu}) for every container of the pod template: a rolling
     * update, as {@code kubectl set resources} does. A limit below the new request is raised to it.
     */
    private Plan resources(Action action, Workload workload) {
        Map<String, Quantity> requested = new LinkedHashMap<>();
        for (String key : List.of(TargetSnapshot.MEMORY, TargetSnapshot.CPU)) {
            String text = action.parameters().get(key);
            if (text == null) {
                continue;
            }
            try {
                if (key.equals(TargetSnapshot.MEMORY)) {
                    Units.memory(text);
                } else {
                    Units.cpu(text);
                }
            } catch (IllegalArgumentException e) {
                return new Plan.Fail(key + ": " + e.getMessage());
            }
            requested.put(key, new Quantity(text));
        }
        if (requested.isEmpty()) {
            return new Plan.Fail("adjust_resources names neither memory nor cpu");
        }
        List<Container> containers = workload.template().getSpec() == null
                ? List.of()
                : workload.template().getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            return new Plan.Fail(workload.target + " has no containers to set resources on");
        }
        boolean changed = false;
        for (Container c : containers) {
            ResourceRequirements r = c.getResources() == null ? new ResourceRequirements() : c.getResources();
            Map<String, Quantity> requests = r.getRequests() == null ? new HashMap<>() : new HashMap<>(r.getRequests());
            Map<String, Quantity> limits = r.getLimits() == null ? new HashMap<>() : new HashMap<>(r.getLimits());
            for (Map.Entry<String, Quantity> e : requested.entrySet()) {
                if (!e.getValue().equals(requests.get(e.getKey()))) {
                    requests.put(e.getKey(), e.getValue());
                    changed = true;
                }
                Quantity limit = limits.get(e.getKey());
                if (limit != null
                        && Quantity.getAmountInBytes(limit).compareTo(Quantity.getAmountInBytes(e.getValue())) < 0) {
                    limits.put(e.getKey(), e.getValue());
                }
            }
            r.setRequests(requests);
            r.setLimits(limits.isEmpty() ? null : limits);
            c.setResources(r);
        }
        if (!changed) {
            return new Plan.Skip(workload.target + " already requests " + requested);
        }
        return new Plan.Apply("set the requests of " + workload.target + " to " + describe(requested));
    }

    private static String describe(Map<String, Quantity> requested) {
        return requested.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private Plan restart(Workload workload) {
        if (workload instanceof Workload.OfDeployment d && d.paused()) {
            return new Plan.Fail(
                    "cannot restart " + workload.target + ": its rollout is paused (kubectl rollout resume it first)");
        }
        PodTemplateSpec template = workload.template();
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        Map<String, String> annotations = template.getMetadata().getAnnotations() == null
                ? new HashMap<>()
                : new HashMap<>(template.getMetadata().getAnnotations());
        Instant now = clock.instant();
        String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        if (stamp.equals(annotations.get(RESTARTED_AT))) {
            stamp = now.toString(); // a second restart within the same second must still change the template
        }
        annotations.put(RESTARTED_AT, stamp);
        template.getMetadata().setAnnotations(annotations);
        return new Plan.Apply(
                "restarted " + workload.target + " (rollout restart, " + RESTARTED_AT + "=" + stamp + ")");
    }

    private Plan rollback(Action action, Workload workload) {
        if (workload instanceof Workload.OfDeployment d && d.paused()) {
            return new Plan.Fail("cannot roll back " + workload.target
                    + ": its rollout is paused (kubectl rollout resume it first)");
        }
        List<Revisions.Revision> history = revisions.of(workload);
        Optional<Long> current = revisions.current(workload, history);
        Revisions.Revision to;
        String asked = action.parameters().get(REVISION);
        if (asked != null) {
            Optional<Long> number = Revisions.parse(asked);
            if (number.isEmpty()) {
                return new Plan.Fail("parameter revision must be a positive whole number, was '" + asked + "'");
            }
            Optional<Revisions.Revision> found =
                    history.stream().filter(r -> r.number() == number.get()).findFirst();
            if (found.isEmpty()) {
                return new Plan.Fail("cannot roll " + workload.target + " back to revision " + number.get()
                        + ": no such revision (it has " + numbers(history) + ")");
            }
            to = found.get();
        } else {
            if (current.isEmpty()) {
                return new Plan.Fail("cannot roll back " + workload.target + ": it has no recorded revisions");
            }
            long now = current.get();
            Optional<Revisions.Revision> previous =
                    history.stream().filter(r -> r.number() < now).reduce((a, b) -> b);
            if (previous.isEmpty()) {
                return new Plan.Fail("cannot roll back " + workload.target
                        + ": no previous revision (it is at revision " + now + ", and has " + numbers(history) + ")");
            }
            to = previous.get();
        }
        String from = current.map(c -> "revision " + c).orElse("an unrecorded revision");
        if (revisions.sameTemplate(workload.template(), to.template())) {
            return new Plan.Skip(
                    "nothing to do: " + workload.target + " already runs the pod template of revision " + to.number());
        }
        workload.template(revisions.withoutHash(to.template()));
        if (workload instanceof Workload.OfDeployment) {
            Map<String, String> annotations = workload.annotations();
            to.annotations().forEach((k, v) -> {
                if (!NOT_ROLLED_BACK.contains(k) && !k.startsWith("arf.dev/")) {
                    annotations.put(k, v);
                }
            });
        }
        return new Plan.Apply("rolled " + workload.target + " back from " + from + " to revision " + to.number() + " ("
                + to.holder() + ")");
    }

    // --- reading and remembering -----------------------------------------------------------------

    private Optional<Workload> fetch(KubernetesTarget target) {
        return switch (target.kind()) {
            case DEPLOYMENT -> {
                Deployment d = client.apps()
                        .deployments()
                        .inNamespace(target.namespace())
                        .withName(target.name())
                        .get();
                yield Optional.ofNullable(d).map(x -> new Workload.OfDeployment(target, x));
            }
            case STATEFUL_SET -> {
                StatefulSet s = client.apps()
                        .statefulSets()
                        .inNamespace(target.namespace())
                        .withName(target.name())
                        .get();
                yield Optional.ofNullable(s).map(x -> new Workload.OfStatefulSet(target, x));
            }
        };
    }

    private Optional<Long> currentRevision(Workload workload) {
        return revisions.current(workload, revisions.of(workload));
    }

    /** The keys recorded on the workload, oldest first. */
    private List<String> appliedKeys(Workload workload) {
        Optional<String> json = workload.annotation(ACTION_KEYS);
        if (json.isEmpty() || json.get().isBlank()) {
            return workload.annotation(LAST_ACTION_KEY).map(List::of).orElse(List.of());
        }
        Object parsed = client.getKubernetesSerialization().unmarshal(json.get(), List.class);
        if (!(parsed instanceof List<?> list)) {
            throw new IllegalArgumentException("not a JSON array");
        }
        List<String> keys = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException("not a JSON array of strings");
            }
            keys.add(s);
        }
        return keys;
    }

    private void remember(Workload workload, List<String> applied, String key) {
        List<String> keys = new ArrayList<>(applied);
        keys.add(key);
        while (keys.size() > rememberedKeys) {
            keys.removeFirst();
        }
        Map<String, String> annotations = workload.annotations();
        annotations.put(ACTION_KEYS, client.getKubernetesSerialization().asJson(keys));
        annotations.put(LAST_ACTION_KEY, key);
    }

    private ActionOutcome outcome(Action action, ActionOutcome.Status status, String detail) {
        return new ActionOutcome(action, status, detail, clock.instant());
    }

    private static String numbers(List<Revisions.Revision> history) {
        if (history.isEmpty()) {
            return "no recorded revisions";
        }
        return "revisions "
                + String.join(
                        ", ",
                        history.stream().map(r -> Long.toString(r.number())).toList());
    }

    /** The first container's request of a resource, as written (e.g. {@code 512Mi}). */
    private static Optional<String> firstRequest(Workload workload, String resource) {
        var spec = workload.template().getSpec();
        if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()) {
            return Optional.empty();
        }
        var r = spec.getContainers().get(0).getResources();
        if (r == null || r.getRequests() == null || r.getRequests().get(resource) == null) {
            return Optional.empty();
        }
        return Optional.of(r.getRequests().get(resource).toString());
    }

    private static String verb(HealingAction type) {
        return switch (type) {
            case SCALE_OUT -> "scale out";
            case SCALE_IN -> "scale in";
            case RESTART_CONTAINER -> "restart";
            case ROLLBACK -> "roll back";
            case ADJUST_RESOURCES -> "set resources on";
            default -> type.key();
        };
    }

    private static String gerund(HealingAction type) {
        return switch (type) {
            case SCALE_OUT -> "scaling out";
            case SCALE_IN -> "scaling in";
            case RESTART_CONTAINER -> "restarting";
            case ROLLBACK -> "rolling back";
            case ADJUST_RESOURCES -> "setting resources on";
            default -> type.key() + " on";
        };
    }
}
