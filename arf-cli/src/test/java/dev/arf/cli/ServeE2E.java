package dev.arf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.approval.ApprovalState;
import dev.arf.core.audit.AuditChain;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code arf serve} as a process: it prints its admin token once, serves the API, runs the demo fleet
 * into an approval request that an approver decides with {@code arf approvals approve --server} (a
 * second process, token from ARF_TOKEN), and on SIGTERM stops accepting, drains and closes the store.
 */
class ServeE2E {
    private static final Path BLUEPRINTS = Path.of("..", "examples", "blueprints-sim");
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** The JVM's exit status after SIGTERM once its shutdown hooks have run: 128 + 15. */
    private static final int TERMINATED = 143;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    private static ProcessBuilder arf(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Runs the CLI as its own process with ARF_TOKEN set; returns exit code, stdout and stderr. */
    private record Run(int code, String out, String err) {}

    private Run cli(String token, String... args) throws Exception {
        ProcessBuilder b = arf(args);
        b.environment().put("ARF_TOKEN", token);
        Path err = Files.createTempFile(temp, "cli", ".err");
        Process p = b.redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    private JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void servesTheApiThenStopsGracefullyOnSigterm() throws Exception {
        Path data = temp.resolve("data");
        Path serverErr = temp.resolve("serve.err");
        Path serverOut = temp.resolve("serve.out");
        Process serve = arf(
                        "serve",
                        "--port",
                        "0",
                        "--data-dir",
                        data.toString(),
                        "--blueprints",
                        BLUEPRINTS.toString(),
                        "--demo",
                        "--demo-speed",
                        "150")
                .redirectError(serverErr.toFile())
                .redirectOutput(serverOut.toFile())
                .start();
        // stdout goes to a file, read as it grows: nothing the server prints can be lost to a pipe.
        Tail stdout = new Tail(serverOut);
        try {
            String url = null;
            String admin = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (url == null || admin == null) {
                String line = stdout.next(deadline);
                assertThat(line)
                        .as("serve printed its address and token; stderr:\n%s", tail(serverErr))
                        .isNotNull();
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    url = m.group(1);
                } else if (line.startsWith("admin token: ")) {
                    admin = line.substring("admin token: ".length()).trim();
                }
            }
            assertThat(admin).startsWith("arf_");
            assertThat(get(url + "/api/v1/tokens", admin).get("count").asInt()).isEqualTo(1);

            Run created = cli(admin, "token", "create", "--role", "approver", "--name", "alice", "--server", url);
            assertThat(created.code()).as(created.err()).isZero();
            String alice = created.out()
                    .lines()
                    .filter(l -> l.startsWith("token: "))
                    .map(l -> l.substring("token: ".length()).trim())
                    .findFirst()
                    .orElseThrow();

            HttpResponse<String> started = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/demo/scenarios/database-meltdown"))
                            .header("Authorization", "Bearer " + admin)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);

            String approvalId = null;
            long until = System.nanoTime() + WAIT.toNanos();
            while (approvalId == null && System.nanoTime() < until) {
                JsonNode open = get(url + "/api/v1/approvals", admin).get("items");
                if (!open.isEmpty()) {
                    approvalId = open.get(0).get("id").asString();
                } else {
                    // Polling a real process over HTTP: the demo fleet needs a few simulated minutes.
                    TimeUnit.MILLISECONDS.sleep(250);
                }
            }
            assertThat(approvalId)
                    .as("the database restart waits for the DBA team's approval")
                    .isNotNull();

            Run listed = cli(alice, "approvals", "list", "--server", url);
            assertThat(listed.code()).as(listed.err()).isZero();
            assertThat(listed.out()).contains(approvalId).contains("PENDING");

            Run approved = cli(alice, "approvals", "approve", approvalId, "--note", "go ahead", "--server", url);
            assertThat(approved.code()).as(approved.err()).isZero();
            assertThat(approved.out()).contains("APPROVED").contains("approved by alice");

            Run notAdmin = cli(alice, "governance", "kill-switch", "on", "--server", url);
            assertThat(notAdmin.code()).isEqualTo(2);
            assertThat(notAdmin.err()).contains("403").contains("admin");
            Run engaged = cli(admin, "governance", "kill-switch", "on", "--reason", "e2e", "--server", url);
            assertThat(engaged.code()).as(engaged.err()).isZero();
            assertThat(engaged.out()).contains("ENGAGED");
            Run status = cli(alice, "governance", "status", "--server", url);
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out()).contains("kill switch        ENGAGED");

            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped after SIGTERM")
                    .isTrue();
            assertThat(serve.exitValue()).isEqualTo(TERMINATED);
            assertThat(Files.readAllLines(serverOut))
                    .as("stdout; stderr:\n%s", tail(serverErr))
                    .contains("stopping: no new connections, draining requests in flight", "stopped; store closed");

            // The store was closed (its lock released) and holds what the API did.
            try (JdbcReliabilityStore store = Stores.embedded(data)) {
                ApprovalRequest request = store.approval(approvalId).orElseThrow();
                assertThat(request.state()).isIn(ApprovalState.APPROVED, ApprovalState.EXECUTED);
                assertThat(request.decidedBy()).isEqualTo("alice");
                assertThat(AuditChain.verify(AuditCommand.all(store.audit())).intact())
                        .isTrue();
                assertThat(store.setting("kill_switch")).contains("on");
            }
            for (Path f : files(data)) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(content).as(f.toString()).doesNotContain(admin).doesNotContain(alice);
            }
            assertThat(Files.readString(serverErr)).doesNotContain(admin).doesNotContain(alice);
        } finally {
            serve.destroyForcibly();
        }
    }

    /** Lines of a file another process is writing, as they arrive. */
    private static final class Tail {
        private final Path file;
        private int read;

        Tail(Path file) {
            this.file = file;
        }

        /** The next complete line, or null when none arrived before the deadline (System.nanoTime()). */
        String next(long deadline) throws IOException, InterruptedException {
            while (System.nanoTime() < deadline) {
                List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
                String text = Files.exists(file) ? Files.readString(file) : "";
                int complete = text.endsWith("\n") ? lines.size() : lines.size() - 1;
                if (read < complete) {
                    return lines.get(read++);
                }
                // Waiting on another process's output file: nothing to be notified by.
                TimeUnit.MILLISECONDS.sleep(50);
            }
            return null;
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
