package dev.arf.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;

/** Builds workloads and their rollout history in the mock API server, as the controllers would. */
final class Workloads {
    private final KubernetesClient client;

    Workloads(KubernetesClient client) {
        this.client = client;
    }

    static PodTemplateSpec template(String app, String image) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(Map.of("app", app))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(app)
                .withImage(image)
                .endContainer()
                .endSpec()
                .build();
    }

    Deployment deployment(String namespace, String name, int replicas, Map<String, String> labels) {
        return deployment(namespace, name, replicas, labels, name + ":v1", null);
    }

    /** @param revision the controller's revision annotation, or null for none */
    Deployment deployment(
            String namespace, String name, int replicas, Map<String, String> labels, String image, Long revision) {
        Map<String, String> annotations = new HashMap<>();
        if (revision != null) {
            annotations.put("deployment.kubernetes.io/revision", Long.toString(revision));
        }
        return client.apps()
                .deployments()
                .inNamespace(namespace)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .withLabels(labels)
                        .withAnnotations(annotations)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(replicas)
                        .withNewSelector()
                        .withMatchLabels(Map.of("app", name))
                        .endSelector()
                        .withTemplate(template(name, image))
                        .endSpec()
                        .build())
                .create();
    }

    /** A ReplicaSet holding one revision of {@code owner}'s pod template, with the controller's hash label. */
    ReplicaSet replicaSet(HasMetadata owner, long revision, String image) {
        String app = owner.getMetadata().getName();
        PodTemplateSpec template = template(app, image);
        template.getMetadata().getLabels().put("pod-template-hash", "h" + revision);
        return client.apps()
                .replicaSets()
                .inNamespace(owner.getMetadata().getNamespace())
                .resource(new ReplicaSetBuilder()
                        .withNewMetadata()
                        .withName(app + "-h" + revision)
                        .withNamespace(owner.getMetadata().getNamespace())
                        .withLabels(Map.of("app", app, "pod-template-hash", "h" + revision))
                        .withAnnotations(Map.of(
                                "deployment.kubernetes.io/revision",
                                Long.toString(revision),
                                "example.com/change-cause",
                                "deploy " + image))
                        .withOwnerReferences(controller(owner))
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(0)
                        .withNewSelector()
                        .withMatchLabels(Map.of("app", app, "pod-template-hash", "h" + revision))
                        .endSelector()
                        .withTemplate(template)
                        .endSpec()
                        .build())
                .create();
    }

    StatefulSet statefulSet(String namespace, String name, int replicas, String image) {
        return client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .resource(new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(replicas)
                        .withServiceName(name)
                        .withNewSelector()
                        .withMatchLabels(Map.of("app", name))
                        .endSelector()
                        .withTemplate(template(name, image))
                        .endSpec()
                        .build())
                .create();
    }

    /** A ControllerRevision as the StatefulSet controller writes it: a patch replacing the pod template. */
    ControllerRevision controllerRevision(StatefulSet owner, long revision, String image) {
        String app = owner.getMetadata().getName();
        Map<String, Object> template =
                client.getKubernetesSerialization().convertValue(template(app, image), Map.class);
        Map<String, Object> patch = new HashMap<>(template);
        patch.put("$patch", "replace");
        return client.apps()
                .controllerRevisions()
                .inNamespace(owner.getMetadata().getNamespace())
                .resource(new ControllerRevisionBuilder()
                        .withNewMetadata()
                        .withName(app + "-r" + revision)
                        .withNamespace(owner.getMetadata().getNamespace())
                        .withLabels(Map.of("app", app))
                        .withOwnerReferences(controller(owner))
                        .endMetadata()
                        .withRevision(revision)
                        .withData(Map.of("spec", Map.of("template", patch)))
                        .build())
                .create();
    }

    private static io.fabric8.kubernetes.api.model.OwnerReference controller(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .build();
    }
}
