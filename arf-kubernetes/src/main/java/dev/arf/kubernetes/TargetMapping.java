package dev.arf.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which workload each ARF service name stands for. Explicit entries come first; with a default
 * namespace, any other service name that is a valid workload name is the Deployment of that name in
 * that namespace. Without one, only explicit entries map, and everything else is left to other
 * actuators.
 */
public final class TargetMapping {
    private final String defaultNamespace;
    private final Map<String, KubernetesTarget> explicit;

    private TargetMapping(String defaultNamespace, Map<String, KubernetesTarget> explicit) {
        if (defaultNamespace != null && !Names.isLabel(defaultNamespace)) {
            throw new IllegalArgumentException("namespace must be a DNS-1123 label, was '" + defaultNamespace + "'");
        }
        this.defaultNamespace = defaultNamespace;
        this.explicit = Map.copyOf(explicit);
    }

    /** Every service name is the Deployment of the same name in {@code namespace}, unless mapped otherwise. */
    public static TargetMapping inNamespace(String namespace) {
        return new TargetMapping(Objects.requireNonNull(namespace, "namespace"), Map.of());
    }

    /** Only these services map; nothing else is handled. */
    public static TargetMapping only(Map<String, KubernetesTarget> targets) {
        return new TargetMapping(null, targets);
    }

    /** A copy that maps {@code service} to {@code target}. */
    public TargetMapping with(String service, KubernetesTarget target) {
        Map<String, KubernetesTarget> copy = new LinkedHashMap<>(explicit);
        copy.put(Objects.requireNonNull(service, "service"), Objects.requireNonNull(target, "target"));
        return new TargetMapping(defaultNamespace, copy);
    }

    /** The workload for a service name, or empty when this mapping does not cover it. */
    public Optional<KubernetesTarget> find(String service) {
        KubernetesTarget mapped = explicit.get(service);
        if (mapped != null) {
            return Optional.of(mapped);
        }
        if (defaultNamespace != null && Names.isSubdomain(service)) {
            return Optional.of(KubernetesTarget.deployment(defaultNamespace, service));
        }
        return Optional.empty();
    }

    /** The namespace of the default mapping, if there is one. */
    public Optional<String> defaultNamespace() {
        return Optional.ofNullable(defaultNamespace);
    }
}
