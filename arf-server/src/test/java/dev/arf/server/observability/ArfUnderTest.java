package dev.arf.server.observability;

import dev.arf.core.access.ApiTokens;
import dev.arf.core.access.Role;
import dev.arf.server.ArfServer;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/** {@code arf serve} on a free loopback port with an embedded store in a temporary directory, and a token per role. */
final class ArfUnderTest implements AutoCloseable {
    final JdbcReliabilityStore store;
    final ArfServer server;
    final Map<Role, String> tokens = new EnumMap<>(Role.class);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ArfUnderTest(Path dataDir, Consumer<ArfServer.Builder> customise) {
        this.store = Stores.embedded(dataDir);
        ArfServer.Builder builder = ArfServer.builder(store).port(0).version("test");
        customise.accept(builder);
        this.server = builder.build().start();
        ApiTokens issuer = new ApiTokens(store.apiTokens(), store.audit(), Clock.systemUTC(), new SecureRandom());
        for (Role role : Role.values()) {
            tokens.put(role, issuer.create(role.key() + "-person", role, "test").secret());
        }
    }

    int port() {
        return server.port();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> get(String path, Role role) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        if (role != null) {
            b.header("Authorization", "Bearer " + tokens.get(role));
        }
        return send(b.GET().build());
    }

    HttpResponse<String> post(String path, Role role, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.get(role))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> send(HttpRequest request) {
        return send(http, request);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
