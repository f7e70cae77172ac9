package dev.arf.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI's side of the HTTP API: one request, one JSON answer; a problem answer becomes an exception
 * whose message is the problem's detail (and its first errors).
 */
final class ApiClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ApiClient(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    /** Thrown for an answer that is not a success; the message says what the server said. */
    static final class ApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    JsonNode post(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    JsonNode put(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the ARF server at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + base, e);
        }
        JsonNode body;
        try {
            body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new ApiException(
                    response.statusCode(),
                    "the server at " + base + " answered " + response.statusCode() + " with a body that is not JSON");
        }
        if (response.statusCode() >= 400) {
            StringBuilder message = new StringBuilder("the server answered ").append(response.statusCode());
            if (body.hasNonNull("detail")) {
                message.append(": ").append(body.get("detail").asString());
            }
            if (body.has("errors")) {
                body.get("errors").forEach(e -> message.append("\n  ").append(e.asString()));
            }
            throw new ApiException(response.statusCode(), message.toString());
        }
        return body;
    }
}
