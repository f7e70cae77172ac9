package dev.arf.server.runtime;

import dev.arf.config.BlueprintLoader;
import dev.arf.config.ConfigException;
import dev.arf.config.ConfigProblem;
import dev.arf.core.blueprint.Blueprint;
import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.core.blueprint.BlueprintVersion;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.BlueprintSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blueprints in force for the server: the latest version of every blueprint in the store's
 * history (what {@code arf blueprint apply}, a watched {@code --blueprints} directory and {@code PUT
 * /api/v1/blueprints/{name}} record). {@link #apply} validates before it records, so the history
 * never takes a version that would not load. Thread-safe; a refresh replaces the catalog in one step.
 */
public final class StoredBlueprints implements BlueprintSource {
    private static final Logger LOG = LoggerFactory.getLogger(StoredBlueprints.class);

    private final BlueprintHistory history;
    private final BlueprintLoader loader;
    private final Clock clock;
    private final AtomicReference<BlueprintCatalog> inForce = new AtomicReference<>(BlueprintCatalog.empty());

    public StoredBlueprints(BlueprintHistory history, BlueprintLoader loader, Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public BlueprintCatalog current() {
        return inForce.get();
    }

    public BlueprintHistory history() {
        return history;
    }

    /** Reads the latest versions again; a version that no longer loads is left out (and logged). */
    public synchronized void refresh() {
        List<Blueprint> loaded = new ArrayList<>();
        for (String name : history.names()) {
            Optional<BlueprintVersion> latest = history.latest(name);
            if (latest.isEmpty() || latest.get().removed()) {
                continue;
            }
            try {
                loaded.add(loader.load(latest.get().yaml(), name + ".yaml"));
            } catch (ConfigException e) {
                LOG.warn(
                        "blueprint {} v{} no longer loads and is not in force: {}",
                        name,
                        latest.get().version(),
                        e.problems());
            }
        }
        try {
            inForce.set(BlueprintCatalog.of(loaded));
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "the stored blueprints do not form one catalog, the previous one stays in force: {}",
                    e.getMessage());
        }
    }

    /**
     * Validates {@code yaml} as the blueprint {@code name} and records it as its next version.
     *
     * @throws ConfigException naming {@code line:column} of every problem, or a name that does not match
     */
    public synchronized BlueprintVersion apply(String name, String yaml, String by, String note) {
        Blueprint blueprint = loader.load(yaml, name + ".yaml");
        if (!blueprint.metadata().name().equals(name)) {
            throw new ConfigException(List.of(new ConfigProblem(
                    name + ".yaml",
                    1,
                    1,
                    "metadata.name",
                    "is '" + blueprint.metadata().name() + "', but the request is for '" + name + "'")));
        }
        BlueprintVersion version = history.record(name, yaml, by, note, clock.instant());
        refresh();
        return version;
    }
}
