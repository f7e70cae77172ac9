package dev.arf.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A Deployment or StatefulSet as read from the API, seen through what the actuator needs of both. */
abstract sealed class Workload permits Workload.OfDeployment, Workload.OfStatefulSet {
    /** The annotation the Deployment controller numbers rollouts with (on Deployments and ReplicaSets). */
    static final String DEPLOYMENT_REVISION = "deployment.kubernetes.io/revision";

    final KubernetesTarget target;

    private Workload(KubernetesTarget target) {
        this.target = target;
    }

    abstract HasMetadata resource();

    abstract PodTemplateSpec template();

    abstract void template(PodTemplateSpec template);

    abstract Integer specReplicas();

    abstract void replicas(int replicas);

    abstract LabelSelector selector();

    abstract WorkloadStatus status(Optional<String> revision);

    /** {@code spec.replicas}; the API server defaults an absent value to 1. */
    int replicas() {
        Integer r = specReplicas();
        return r == null ? 1 : r;
    }

    String uid() {
        return resource().getMetadata().getUid();
    }

    Map<String, String> annotations() {
        Map<String, String> a = resource().getMetadata().getAnnotations();
        if (a == null) {
            a = new HashMap<>();
            resource().getMetadata().setAnnotations(a);
        }
        return a;
    }

    Optional<String> annotation(String key) {
        Map<String, String> a = resource().getMetadata().getAnnotations();
        return a == null ? Optional.empty() : Optional.ofNullable(a.get(key));
    }

    /** {@code status.observedGeneration >= metadata.generation}; true when the server tracks neither. */
    boolean observedGenerationCurrent(Long observed) {
        Long generation = resource().getMetadata().getGeneration();
        return generation == null || (observed != null && observed >= generation);
    }

    static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    static final class OfDeployment extends Workload {
        final Deployment deployment;

        OfDeployment(KubernetesTarget target, Deployment deployment) {
            super(target);
            this.deployment = deployment;
        }

        @Override
        HasMetadata resource() {
            return deployment;
        }

        @Override
        PodTemplateSpec template() {
            return deployment.getSpec().getTemplate();
        }

        @Override
        void template(PodTemplateSpec template) {
            deployment.getSpec().setTemplate(template);
        }

        @Override
        Integer specReplicas() {
            return deployment.getSpec().getReplicas();
        }

        @Override
        void replicas(int replicas) {
            deployment.getSpec().setReplicas(replicas);
        }

        @Override
        LabelSelector selector() {
            return deployment.getSpec().getSelector();
        }

        boolean paused() {
            return Boolean.TRUE.equals(deployment.getSpec().getPaused());
        }

        @Override
        WorkloadStatus status(Optional<String> revision) {
            DeploymentStatus s = deployment.getStatus() != null ? deployment.getStatus() : new DeploymentStatus();
            return new WorkloadStatus(
                    target,
                    replicas(),
                    orZero(s.getReadyReplicas()),
                    orZero(s.getAvailableReplicas()),
                    orZero(s.getUpdatedReplicas()),
                    observedGenerationCurrent(s.getObservedGeneration()),
                    revision);
        }
    }

    static final class OfStatefulSet extends Workload {
        final StatefulSet statefulSet;

        OfStatefulSet(KubernetesTarget target, StatefulSet statefulSet) {
            super(target);
            this.statefulSet = statefulSet;
        }

        @Override
        HasMetadata resource() {
            return statefulSet;
        }

        @Override
        PodTemplateSpec template() {
            return statefulSet.getSpec().getTemplate();
        }

        @Override
        void template(PodTemplateSpec template) {
            statefulSet.getSpec().setTemplate(template);
        }

        @Override
        Integer specReplicas() {
            return statefulSet.getSpec().getReplicas();
        }

        @Override
        void replicas(int replicas) {
            statefulSet.getSpec().setReplicas(replicas);
        }

        @Override
        LabelSelector selector() {
            return statefulSet.getSpec().getSelector();
        }

        /** The ControllerRevision new pods are created from, when the controller has reported one. */
        Optional<String> updateRevisionName() {
            StatefulSetStatus s = statefulSet.getStatus();
            return s == null ? Optional.empty() : Optional.ofNullable(s.getUpdateRevision());
        }

        @Override
        WorkloadStatus status(Optional<String> revision) {
            StatefulSetStatus s = statefulSet.getStatus() != null ? statefulSet.getStatus() : new StatefulSetStatus();
            return new WorkloadStatus(
                    target,
                    replicas(),
                    orZero(s.getReadyReplicas()),
                    orZero(s.getAvailableReplicas()),
                    orZero(s.getUpdatedReplicas()),
                    observedGenerationCurrent(s.getObservedGeneration()),
                    revision);
        }
    }
}
