package dev.arf.core.governance;

import java.util.List;

/**
 * Turns an action's target into the concrete things it would touch (a service name into itself, a
 * Kubernetes label selector into the workloads it matches). The Guardian refuses an action whose
 * target resolves to nothing (an unresolved selector means nothing, never everything) or to more
 * than the blast-radius cap.
 */
@FunctionalInterface
public interface TargetResolver {
    /**
     * @throws RuntimeException when the target cannot be resolved; the Guardian refuses the action
     */
    List<String> resolve(String target);

    /** Every target is exactly one service. */
    TargetResolver ONE_SERVICE = List::of;
}
