package dev.arf.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A second ARF process for {@link EmbeddedStoreTest}-style lock tests: opens the embedded store in
 * the directory given as argument, prints {@code ready}, and holds it until its stdin closes.
 */
final class DataDirectoryHolder {
    private DataDirectoryHolder() {}

    public static void main(String[] args) throws IOException {
        try (JdbcReliabilityStore store = Stores.embedded(Path.of(args[0]))) {
            System.out.println(store.location().isEmpty() ? "no location" : "ready");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold the directory until the parent closes our stdin or kills us
            }
        }
    }
}
