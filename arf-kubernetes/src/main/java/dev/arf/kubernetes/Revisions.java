package dev.arf.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workload's rollout history, read the way {@code kubectl rollout history} reads it: a Deployment's
 * ReplicaSets, numbered by their {@code deployment.kubernetes.io/revision} annotation; a StatefulSet's
 * ControllerRevisions, numbered by their {@code revision} field. Only objects the workload controls
 * (a controller owner reference with its UID) count.
 */
final class Revisions {
    /** The label the controllers add to a pod template to tell revisions apart; not part of the template. */
    static final String POD_TEMPLATE_HASH = "pod-template-hash";

    /** One revision: its number, the object holding it, the pod template, and (Deployments) its annotations. */
    record Revision(long number, String holder, PodTemplateSpec template, Map<String, String> annotations) {}

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;

    Revisions(KubernetesClient client) {
        this.client = client;
        this.serialization = client.getKubernetesSerialization();
    }

    /** Every revision of the workload, oldest first. */
    List<Revision> of(Workload workload) {
        List<Revision> out = new ArrayList<>();
        String ns = workload.target.namespace();
        switch (workload) {
            case Workload.OfDeployment d -> {
                var replicaSets = client.apps().replicaSets().inNamespace(ns);
                List<ReplicaSet> items = (d.selector() == null
                                ? replicaSets.list()
                                : replicaSets.withLabelSelector(d.selector()).list())
                        .getItems();
                for (ReplicaSet rs : items) {
                    if (!controlledBy(rs, d.uid())) {
                        continue;
                    }
                    Map<String, String> annotations = rs.getMetadata().getAnnotations() == null
                            ? Map.of()
                            : rs.getMetadata().getAnnotations();
                    Optional<Long> number = parse(annotations.get(Workload.DEPLOYMENT_REVISION));
                    if (number.isPresent()
                            && rs.getSpec() != null
                            && rs.getSpec().getTemplate() != null) {
                        out.add(new Revision(
                                number.get(),
                                "ReplicaSet " + rs.getMetadata().getName(),
                                rs.getSpec().getTemplate(),
                                annotations));
                    }
                }
            }
            case Workload.OfStatefulSet s -> {
                var revisions = client.apps().controllerRevisions().inNamespace(ns);
                List<ControllerRevision> items = (s.selector() == null
                                ? revisions.list()
                                : revisions.withLabelSelector(s.selector()).list())
                        .getItems();
                for (ControllerRevision cr : items) {
                    if (!controlledBy(cr, s.uid()) || cr.getRevision() == null) {
                        continue;
                    }
                    templateOf(cr)
                            .ifPresent(t -> out.add(new Revision(
                                    cr.getRevision(),
                                    "ControllerRevision " + cr.getMetadata().getName(),
                                    t,
                                    Map.of())));
                }
            }
        }
        out.sort(Comparator.comparingLong(Revision::number));
        return out;
    }

    /**
     * The revision the workload runs now: a Deployment's revision annotation, a StatefulSet's update
     * revision; failing those, the newest revision on record.
     */
    Optional<Long> current(Workload workload, List<Revision> history) {
        Optional<Long> reported = switch (workload) {
            case Workload.OfDeployment d ->
                parse(d.annotation(Workload.DEPLOYMENT_REVISION).orElse(null));
            case Workload.OfStatefulSet s ->
                s.updateRevisionName()
                        .flatMap(name -> history.stream()
                                .filter(r -> r.holder().equals("ControllerRevision " + name))
                                .map(Revision::number)
                                .findFirst());
        };
        if (reported.isPresent()) {
            return reported;
        }
        return history.isEmpty()
                ? Optional.empty()
                : Optional.of(history.getLast().number());
    }

    /** A copy of the template without the controller's hash label, as {@code kubectl rollout undo} restores it. */
    PodTemplateSpec withoutHash(PodTemplateSpec template) {
        PodTemplateSpec copy = serialization.clone(template);
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            Map<String, String> labels = new HashMap<>(copy.getMetadata().getLabels());
            labels.remove(POD_TEMPLATE_HASH);
            copy.getMetadata().setLabels(labels);
        }
        return copy;
    }

    boolean sameTemplate(PodTemplateSpec a, PodTemplateSpec b) {
        return serialization.asJson(withoutHash(a)).equals(serialization.asJson(withoutHash(b)));
    }

    /**
     * A StatefulSet's ControllerRevision holds a patch, {@code {"spec":{"template":{…,"$patch":"replace"}}}};
     * the template is what it replaces.
     */
    private Optional<PodTemplateSpec> templateOf(ControllerRevision cr) {
        if (cr.getData() == null) {
            return Optional.empty();
        }
        try {
            Map<?, ?> data = serialization.convertValue(cr.getData(), Map.class);
            if (!(data.get("spec") instanceof Map<?, ?> spec) || !(spec.get("template") instanceof Map<?, ?> raw)) {
                return Optional.empty();
            }
            Map<Object, Object> template = new HashMap<>(raw);
            template.remove("$patch");
            return Optional.of(serialization.convertValue(template, PodTemplateSpec.class));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean controlledBy(HasMetadata child, String ownerUid) {
        List<OwnerReference> owners = child.getMetadata().getOwnerReferences();
        if (owners == null || ownerUid == null) {
            return false;
        }
        return owners.stream().anyMatch(o -> ownerUid.equals(o.getUid()) && Boolean.TRUE.equals(o.getController()));
    }

    static Optional<Long> parse(String revision) {
        if (revision == null) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(revision.trim());
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
