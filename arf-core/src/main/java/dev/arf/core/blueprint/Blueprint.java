package dev.arf.core.blueprint;

/**
 * A declarative description of how ARF may manage something: either one service ({@link
 * ServiceBlueprint}) or rules for every service ({@link GlobalBlueprint}).
 */
public sealed interface Blueprint permits ServiceBlueprint, GlobalBlueprint {
    BlueprintMetadata metadata();

    Environment environment();

    GovernanceRules governance();
}
