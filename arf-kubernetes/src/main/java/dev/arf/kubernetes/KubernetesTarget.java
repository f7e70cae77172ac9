package dev.arf.kubernetes;

import java.util.Objects;

/**
 * The workload a service name stands for: a Deployment or a StatefulSet in a namespace.
 *
 * @param namespace a DNS-1123 label, e.g. {@code prod}
 * @param name the workload's name
 */
public record KubernetesTarget(String namespace, Kind kind, String name) {
    public enum Kind {
        DEPLOYMENT("Deployment"),
        STATEFUL_SET("StatefulSet");

        private final String apiKind;

        Kind(String apiKind) {
            this.apiKind = apiKind;
        }

        /** The kind as the Kubernetes API spells it. */
        public String apiKind() {
            return apiKind;
        }
    }

    public KubernetesTarget {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (!Names.isLabel(namespace)) {
            throw new IllegalArgumentException("namespace must be a DNS-1123 label, was '" + namespace + "'");
        }
        if (!Names.isSubdomain(name)) {
            throw new IllegalArgumentException("workload name must be a DNS-1123 subdomain, was '" + name + "'");
        }
    }

    public static KubernetesTarget deployment(String namespace, String name) {
        return new KubernetesTarget(namespace, Kind.DEPLOYMENT, name);
    }

    public static KubernetesTarget statefulSet(String namespace, String name) {
        return new KubernetesTarget(namespace, Kind.STATEFUL_SET, name);
    }

    @Override
    public String toString() {
        return kind.apiKind() + " " + namespace + "/" + name;
    }
}
