package dev.arf.server.observability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Prometheus tools the tests run for real (Debian's {@code prometheus} and {@code
 * prometheus-alertmanager}, which {@code .ci/prometheus-prereqs.sh} installs): on the PATH or in
 * /usr/bin. A test skips, saying what to install, only when one is absent.
 */
final class Binaries {
    private Binaries() {}

    static Optional<Path> find(String... names) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        dirs.add(Path.of("/usr/bin"));
        dirs.add(Path.of("/usr/local/bin"));
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The binary, or the test is skipped with what to install. */
    static Path require(String debianPackage, String... names) {
        Optional<Path> found = find(names);
        assumeTrue(
                found.isPresent(),
                () -> String.join(" or ", names) + " not found on PATH or in /usr/bin: install Debian's "
                        + debianPackage + " (bash .ci/prometheus-prereqs.sh)");
        return found.orElseThrow();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
