package dev.arf.core.agents;

import java.util.List;

/**
 * What the Diagnostician may know about the service graph: a service's direct dependencies and
 * whether each looks unhealthy right now. With it, "errors because the database behind me fails"
 * and "errors because I cannot reach a healthy cache" become different diagnoses.
 */
public interface DependencyView {
    /** Direct dependencies of {@code service}; empty when unknown. */
    List<String> dependenciesOf(String service);

    /** Whether {@code service} currently looks unhealthy to ARF's detectors. */
    boolean isUnhealthy(String service);

    /** No topology known. */
    DependencyView NONE = new DependencyView() {
        @Override
        public List<String> dependenciesOf(String service) {
            return List.of();
        }

        @Override
        public boolean isUnhealthy(String service) {
            return false;
        }
    };
}
