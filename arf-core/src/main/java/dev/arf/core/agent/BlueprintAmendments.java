package dev.arf.core.agent;

import dev.arf.core.blueprint.ServiceBlueprint;
import java.time.Instant;

/**
 * Where the agent records a blueprint it amended (seed 002 use case 2: an approved scale beyond
 * max_replicas becomes the new maximum): put it in force and keep it as a new version.
 */
@FunctionalInterface
public interface BlueprintAmendments {
    /**
     * @param before the blueprint as it was, for a history that has not seen it yet
     * @param by who allowed the change, e.g. the approver
     */
    void amend(ServiceBlueprint before, ServiceBlueprint after, String by, String reason, Instant at);

    BlueprintAmendments NONE = (before, after, by, reason, at) -> {};
}
