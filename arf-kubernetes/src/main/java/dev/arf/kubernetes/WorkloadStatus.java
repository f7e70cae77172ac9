package dev.arf.kubernetes;

import java.util.Optional;

/**
 * A workload's rollout state as its controller reports it.
 *
 * @param desired {@code spec.replicas}
 * @param ready pods passing their readiness probe
 * @param available pods ready for at least {@code minReadySeconds}
 * @param updated pods running the current pod template
 * @param observedGenerationCurrent whether the controller has seen the latest spec ({@code
 *     status.observedGeneration >= metadata.generation}); until it has, the other counts describe an
 *     older spec
 * @param revision the current revision (a Deployment's {@code deployment.kubernetes.io/revision}, a
 *     StatefulSet's update ControllerRevision), empty when none is known yet
 */
public record WorkloadStatus(
        KubernetesTarget target,
        int desired,
        int ready,
        int available,
        int updated,
        boolean observedGenerationCurrent,
        Optional<String> revision) {

    /**
     * Done rolling out, as {@code kubectl rollout status} means it: the controller has seen the latest
     * spec and every desired pod runs the current template and is available.
     */
    public boolean rolledOut() {
        return observedGenerationCurrent && updated >= desired && available >= desired && ready >= desired;
    }
}
