package dev.arf.core.scenario;

import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.execute.Action;
import dev.arf.core.sim.CapacityCluster;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One of seed 002's use cases, played on a {@link CapacityCluster} by the agent loop under the
 * Guardian: the deployments and their load, the blueprints, what a person does (approve after a
 * while) or what an untrusted proposer asks for, and the seed's own timing to compare with.
 *
 * @param approveAfter when a person approves an open request, counted from the request; null: nobody does
 * @param proposal an action proposed from outside the agent at {@code proposeAt} (e.g. a model asking to
 *     delete a deployment); null for none
 * @param seedTiming what seed 002 says this takes, for the report
 */
public record GovernedScenario(
        String name,
        String title,
        String description,
        List<CapacityCluster.Deployment> deployments,
        List<ServiceBlueprint> blueprints,
        Duration duration,
        Duration approveAfter,
        Action proposal,
        Duration proposeAt,
        String seedTiming) {
    public GovernedScenario {
        Objects.requireNonNull(name, "name");
        deployments = List.copyOf(deployments);
        blueprints = List.copyOf(blueprints);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(seedTiming, "seedTiming");
    }
}
