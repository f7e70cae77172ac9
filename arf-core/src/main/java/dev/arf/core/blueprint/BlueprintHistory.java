package dev.arf.core.blueprint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every version of every blueprint ever applied, per name (seed 002: "blueprint version tracking").
 * A port: kept in memory ({@link InMemoryBlueprintHistory}) or in the store's database.
 *
 * <p>The contract (checked for every implementation by {@code dev.arf.testkit.BlueprintHistoryContract}):
 * versions of a name count 1, 2, 3, … without gaps or duplicates, also when several threads or
 * processes record at once; recording the YAML the latest version already has (same SHA-256) adds
 * nothing and returns that latest version; every field comes back exactly as recorded (instants to the
 * microsecond). Removing a blueprint is recording empty YAML (see {@link BlueprintVersion#removed()}).
 */
public interface BlueprintHistory {
    /** Longest name accepted. */
    int MAX_NAME_LENGTH = 256;

    /**
     * Records {@code yaml} as the next version of {@code name}, unless it is what the latest version
     * already holds.
     *
     * @param yaml the document's text; empty to record a removal
     * @param appliedBy who or what applied it, e.g. {@code file:checkout.yaml}, {@code cli:alice}
     * @param note why; may be empty
     * @return the new version, or the latest one when its hash equals {@code yaml}'s
     * @throws IllegalArgumentException for a blank name or one longer than {@link #MAX_NAME_LENGTH}
     */
    BlueprintVersion record(String name, String yaml, String appliedBy, String note, Instant at);

    /** Every version of {@code name}, newest first; empty for an unknown name. */
    List<BlueprintVersion> versions(String name);

    /** Version {@code n} of {@code name}. */
    Optional<BlueprintVersion> version(String name, int n);

    /** The newest version of {@code name} (a removal included). */
    Optional<BlueprintVersion> latest(String name);

    /** Every name with at least one version, sorted. */
    List<String> names();

    /**
     * Records that {@code name} is no longer in force, when its latest version is not already a
     * removal; nothing when the name has no version or is already removed.
     */
    default Optional<BlueprintVersion> recordRemoval(String name, String appliedBy, String note, Instant at) {
        Optional<BlueprintVersion> latest = latest(name);
        if (latest.isEmpty() || latest.get().removed()) {
            return Optional.empty();
        }
        return Optional.of(record(name, "", appliedBy, note, at));
    }

    /** Checks a name as every implementation must. */
    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a blueprint name must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "a blueprint name is at most " + MAX_NAME_LENGTH + " characters, got " + name.length());
        }
        return name;
    }
}
