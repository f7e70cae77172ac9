package dev.arf.cli;

import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where ARF keeps its data: an embedded database in a directory, or a PostgreSQL URL. */
final class DataOptions {
    @Option(
            names = {"--data-dir", "--data"},
            paramLabel = "DIR",
            description = "Data directory of the embedded database (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:user.home}/.arf")
    Path dataDir;

    @Option(
            names = "--store-url",
            paramLabel = "URL",
            description = "Use PostgreSQL instead: jdbc:postgresql://host:port/db (user and password from"
                    + " ARF_DB_USER / ARF_DB_PASSWORD).")
    String storeUrl;

    JdbcReliabilityStore open() {
        if (storeUrl != null) {
            return Stores.postgres(storeUrl, env("ARF_DB_USER", "arf"), env("ARF_DB_PASSWORD", ""));
        }
        return Stores.embedded(dataDir);
    }

    String describe() {
        return storeUrl != null ? storeUrl.replaceAll("password=[^&]*", "password=***") : dataDir.toString();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
