package dev.arf.lab.chaos;

import dev.arf.config.BlueprintLoader;
import dev.arf.core.governance.BlueprintCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The blueprints that govern chaos runs: by default the simulated fleet's example blueprints
 * ({@code examples/blueprints-sim/}, shipped in this jar under {@code /chaos/blueprints/}; a test keeps
 * the copies identical). Dev environment; gateway, checkout and payments may restart, scale, open
 * breakers (and checkout and payments roll back); the cache may restart and scale; the database may
 * only open breakers, while restarting or scaling it needs the DBA team's approval. No verification
 * section, so no automatic rollback.
 */
public final class ChaosBlueprints {
    static final List<String> FILES =
            List.of("api-gateway.yaml", "cache.yaml", "checkout.yaml", "database.yaml", "payments.yaml");

    private ChaosBlueprints() {}

    public static BlueprintCatalog builtIn() {
        List<BlueprintLoader.Source> sources = new ArrayList<>();
        for (String file : FILES) {
            String resource = "/chaos/blueprints/" + file;
            try (InputStream in = ChaosBlueprints.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                sources.add(new BlueprintLoader.Source(resource, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return BlueprintCatalog.of(new BlueprintLoader().loadAll(sources));
    }

    /** @throws dev.arf.config.ConfigException when a blueprint in the directory is invalid */
    public static BlueprintCatalog fromDirectory(Path directory) {
        return BlueprintCatalog.of(new BlueprintLoader().loadDirectory(directory));
    }
}
