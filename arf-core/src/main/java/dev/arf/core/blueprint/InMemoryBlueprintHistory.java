package dev.arf.core.blueprint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link BlueprintHistory} kept for the life of the process (tests, examples, the CLI without a store). Thread-safe. */
public final class InMemoryBlueprintHistory implements BlueprintHistory {
    /** Oldest first, per name. */
    private final Map<String, List<BlueprintVersion>> byName = new TreeMap<>();

    @Override
    public synchronized BlueprintVersion record(String name, String yaml, String appliedBy, String note, Instant at) {
        BlueprintHistory.checkName(name);
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(appliedBy, "appliedBy");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(at, "at");
        String sha = BlueprintVersion.sha256(yaml);
        List<BlueprintVersion> versions = byName.computeIfAbsent(name, n -> new ArrayList<>());
        if (!versions.isEmpty() && versions.getLast().sha256().equals(sha)) {
            return versions.getLast();
        }
        BlueprintVersion next = new BlueprintVersion(name, versions.size() + 1, sha, yaml, appliedBy, at, note);
        versions.add(next);
        return next;
    }

    @Override
    public synchronized List<BlueprintVersion> versions(String name) {
        return List.copyOf(byName.getOrDefault(name, List.of()).reversed());
    }

    @Override
    public synchronized Optional<BlueprintVersion> version(String name, int n) {
        List<BlueprintVersion> versions = byName.getOrDefault(name, List.of());
        return n >= 1 && n <= versions.size() ? Optional.of(versions.get(n - 1)) : Optional.empty();
    }

    @Override
    public synchronized Optional<BlueprintVersion> latest(String name) {
        List<BlueprintVersion> versions = byName.getOrDefault(name, List.of());
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
    }

    @Override
    public synchronized List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
