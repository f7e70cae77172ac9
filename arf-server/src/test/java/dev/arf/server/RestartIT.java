package dev.arf.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.access.Role;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens live in the store as hashes: they survive a restart, and no secret is anywhere on disk. */
class RestartIT {
    @TempDir
    Path temp;

    @Test
    void tokensSurviveARestartAndOnlyTheirHashesAreStored() throws IOException {
        Path data = temp.resolve("data");
        String admin;
        String created;
        try (RunningServer first = new RunningServer(data)) {
            admin = first.admin;
            assertThat(admin).isNotNull();
            HttpResponse<String> response =
                    first.post("/api/v1/tokens", Role.ADMIN, "{\"name\":\"pager\",\"role\":\"viewer\"}");
            created = RunningServer.json(response).get("secret").asString();
        }
        try (RunningServer second = new RunningServer(data)) {
            assertThat(second.admin).as("no second bootstrap token").isNull();
            assertThat(second.send(second.request("/api/v1/tokens", admin).GET().build())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(second.send(second.request("/api/v1/incidents", created)
                                    .GET()
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(content).as(f.toString()).doesNotContain(admin).doesNotContain(created);
            assertThat(content).as(f.toString()).doesNotContain(admin.substring(4, 24));
        }
    }
}
