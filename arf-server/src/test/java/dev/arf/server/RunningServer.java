package dev.arf.server;

import dev.arf.core.access.ApiTokens;
import dev.arf.core.access.IssuedToken;
import dev.arf.core.access.Role;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code arf serve} for tests: an embedded store in a temporary directory, the server on a free
 * loopback port, the bootstrap admin token and one token per role, and a JDK HttpClient.
 */
final class RunningServer implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long MAX_BODY_BYTES = 64 * 1024;

    final Path dataDir;
    final JdbcReliabilityStore store;
    final ArfServer server;
    final String admin;
    final Map<Role, String> tokens = new EnumMap<>(Role.class);
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RunningServer(Path dataDir) {
        this(dataDir, r -> {});
    }

    RunningServer(Path dataDir, Consumer<dev.arf.server.runtime.EngineRuntime.Builder> runtime) {
        this(dataDir, runtime, b -> {});
    }

    /** With {@code more} adjusting the server's builder (notifications, stream). */
    RunningServer(
            Path dataDir,
            Consumer<dev.arf.server.runtime.EngineRuntime.Builder> runtime,
            Consumer<ArfServer.Builder> more) {
        this.dataDir = dataDir;
        this.store = Stores.embedded(dataDir);
        ArfServer.Builder builder = ArfServer.builder(store)
                .port(0)
                .maxBodyBytes(MAX_BODY_BYTES)
                .version("test")
                .runtime(runtime);
        more.accept(builder);
        this.server = builder.build().start();
        this.admin = server.bootstrapToken().map(IssuedToken::secret).orElse(null);
        ApiTokens issuer = new ApiTokens(store.apiTokens(), store.audit(), Clock.systemUTC(), new SecureRandom());
        for (Role role : Role.values()) {
            tokens.put(role, issuer.create(role.key() + "-person", role, "test").secret());
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, Role role) {
        return send(request(path, tokens.get(role)).GET().build());
    }

    HttpResponse<String> post(String path, Role role, String json) {
        return send(request(path, tokens.get(role))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> put(String path, Role role, String contentType, String body) {
        return send(request(path, tokens.get(role))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            store.close();
        }
    }
}
