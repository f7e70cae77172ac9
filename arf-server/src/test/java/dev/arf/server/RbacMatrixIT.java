package dev.arf.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.access.Role;
import dev.arf.server.http.Route;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the whole route table of a running server — with the demo fleet, so the demo endpoints are
 * in it — as every role, without a token and with a bad one: a public route never asks for a token;
 * any other answers 401 without a valid token, 403 below its role, and neither at or above it.
 */
class RbacMatrixIT {
    @TempDir
    static Path temp;

    static RunningServer arf;

    @BeforeAll
    static void start() {
        arf = new RunningServer(temp.resolve("data"), r -> r.demo(42, Duration.ofSeconds(15), 1));
    }

    @AfterAll
    static void stop() {
        arf.close();
    }

    /** A request to the route that would do nothing if it got past the gate: unknown ids, empty bodies. */
    private static HttpRequest request(Route route, String token) {
        String path = route.path().replaceAll("\\{[a-z_]+}", "rbac-probe");
        HttpRequest.Builder b = arf.request(path, token);
        HttpRequest.BodyPublisher empty = HttpRequest.BodyPublishers.ofString("");
        return switch (route.method()) {
            case GET -> b.GET().build();
            case DELETE -> b.DELETE().build();
            case POST ->
                b.header("Content-Type", "application/json").POST(empty).build();
            case PUT ->
                b.header("Content-Type", route.body() == Route.Body.YAML ? "application/yaml" : "application/json")
                        .PUT(empty)
                        .build();
        };
    }

    @Test
    void everyEndpointAnswersEveryRoleAsItsDeclaredRoleSays() {
        List<String> wrong = new ArrayList<>();
        List<Route> routes = arf.server.routes().routes();
        assertThat(routes).extracting(Route::path).contains("/api/demo/scenarios", "/api/v1/events", "/openapi.json");
        int checked = 0;
        for (Route route : routes) {
            String name = route.method() + " " + route.path();
            for (Role role : Role.values()) {
                int status = arf.send(request(route, arf.tokens.get(role))).statusCode();
                boolean allowed = route.isPublic() || role.includes(route.role());
                if (allowed ? status == 401 || status == 403 : status != 403) {
                    wrong.add(name + " as " + role.key() + ": " + status);
                }
                checked++;
            }
            int anonymous = arf.send(request(route, null)).statusCode();
            int forged = arf.send(request(route, "arf_" + "A".repeat(43))).statusCode();
            int garbage = arf.send(request(route, "not-a-token")).statusCode();
            for (int status : new int[] {anonymous, forged, garbage}) {
                if (route.isPublic() ? status == 401 || status == 403 : status != 401) {
                    wrong.add(name + " without a valid token: " + status);
                }
                checked++;
            }
            HttpResponse<String> denied = arf.send(request(route, null));
            if (!route.isPublic()) {
                assertThat(denied.headers().firstValue("Content-Type")).as(name).contains("application/problem+json");
                assertThat(denied.headers().firstValue("WWW-Authenticate"))
                        .as(name)
                        .isPresent();
            }
        }
        assertThat(wrong)
                .as("routes whose answer does not match their declared role")
                .isEmpty();
        assertThat(checked).isEqualTo(routes.size() * (Role.values().length + 3));
    }

    @Test
    void everyRouteDeclaresARoleOrIsOneOfTheFewPublicOnes() {
        assertThat(arf.server.routes().routes().stream().filter(Route::isPublic).map(Route::path))
                .containsExactlyInAnyOrder("/health", "/ready", "/openapi.json");
    }
}
