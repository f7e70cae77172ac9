package dev.arf.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.access.Role;
import dev.arf.server.http.Route;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input on every endpoint of a running server (with the demo fleet, so its routes are in the table too):
 * malformed and truncated JSON, wrong types, unknown fields, absurd numbers, deep nesting, binary, bodies past the
 * limit, odd path and query values, bad or missing tokens, wrong content types. Seeded, so a failure replays. Every
 * answer is a 2xx or a 4xx, every 4xx is an RFC 9457 problem, never a 5xx, and the server keeps serving.
 */
class EndpointFuzzIT {
    private static final long SEED = 20261123L;
    private static final int REQUESTS_PER_ROUTE = 30;

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

    @Test
    void noInputMakesAnyEndpointFailWithA5xxOrAnswerWithoutAProblem() {
        Random random = new Random(SEED);
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Route route : arf.server.routes().routes()) {
            for (int i = 0; i < REQUESTS_PER_ROUTE; i++) {
                HttpRequest request = hostile(route, random);
                HttpResponse<String> response;
                try {
                    response = sendRetryingAClosedConnection(request);
                } catch (java.io.UncheckedIOException e) {
                    long length = request.bodyPublisher()
                            .map(HttpRequest.BodyPublisher::contentLength)
                            .orElse(0L);
                    // Refusing an oversized upload may close the connection before the client has sent it all (RFC
                    // 9112 §9.6): the JDK client then sees a reset instead of the 413. Any other request must be
                    // answered.
                    if (length <= RunningServer.MAX_BODY_BYTES) {
                        wrong.add(describe(request, route) + " with " + length + " bytes → no answer: "
                                + e.getCause().getMessage());
                    }
                    continue;
                } finally {
                    sent++;
                }
                int status = response.statusCode();
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (status >= 500 && status != 503) {
                    wrong.add(describe(request, route) + " → " + status + " " + clip(response.body()));
                } else if (status >= 400 && !type.startsWith("application/problem+json")) {
                    wrong.add(describe(request, route) + " → " + status + " without a problem document (" + type + ")");
                }
            }
        }

        assertThat(wrong).as("%d requests", sent).isEmpty();
        assertThat(arf.send(arf.request("/health", null).GET().build()).statusCode())
                .isEqualTo(200);
        assertThat(arf.get("/api/v1/incidents", Role.VIEWER).statusCode()).isEqualTo(200);
    }

    /**
     * A server may close a keep-alive connection after refusing a body (413 with the rest unread); the client only
     * learns it on its next request there. One retry on a fresh attempt tells that apart from a server that does
     * not answer.
     */
    private static HttpResponse<String> sendRetryingAClosedConnection(HttpRequest request) {
        try {
            return arf.send(request);
        } catch (java.io.UncheckedIOException closedUnderUs) {
            return arf.send(request);
        }
    }

    private static HttpRequest hostile(Route route, Random random) {
        String path = route.path();
        while (path.contains("{")) {
            path = path.replaceFirst("\\{[a-z_]+}", URLEncoder.encode(oddText(random), StandardCharsets.UTF_8));
        }
        if (random.nextBoolean()) {
            path += "?" + oddQuery(random);
        }
        HttpRequest.Builder b = arf.request(path, token(random));
        String contentType = pick(
                random,
                "application/json",
                "application/json",
                "application/x-ndjson",
                "application/yaml",
                "text/plain",
                "application/octet-stream",
                "application/json; charset=utf-16",
                "garbage/\u0000");
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofByteArray(body(random));
        return switch (route.method()) {
            case GET -> b.GET().build();
            case DELETE -> b.DELETE().build();
            case POST ->
                b.header("Content-Type", safeHeader(contentType)).POST(body).build();
            case PUT ->
                b.header("Content-Type", safeHeader(contentType)).PUT(body).build();
        };
    }

    /** Mostly an admin, so the input reaches the handler; sometimes nobody, a forgery or another role. */
    private static String token(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> "arf_" + "A".repeat(43);
            case 2 -> "not a token at all";
            case 3 -> arf.tokens.get(Role.values()[random.nextInt(Role.values().length)]);
            default -> arf.admin;
        };
    }

    private static byte[] body(Random random) {
        String text = switch (random.nextInt(16)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "{\"service\":";
            case 3 -> "{\"service\": 42, \"latency_p99\": \"fast\"}";
            case 4 -> "{\"service\":\"api\",\"latency_p99\":1e400,\"error_rate\":-5}";
            case 5 -> "{\"service\":\"api\",\"surprise\":true}";
            case 6 -> "[" + "[".repeat(5000) + "]".repeat(5000) + "]";
            case 7 -> "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001);
            case 8 -> "x".repeat(200 * 1024);
            case 9 -> "{\"service\":\"" + "s".repeat(100_000) + "\"}";
            case 10 -> "{\"service\":\"api\"}\n{\"service\":\n{}";
            case 11 -> "kind: ChaosExperiment\nname: [unclosed\n";
            case 12 -> "!!java.lang.Runtime {}\n&a [*a, *a]";
            case 13 -> "{\"reason\": null, \"note\": [1,2,3], \"as\": {\"x\":1}}";
            case 14 -> "\u0000\u0001\uFFFF\uD800 not json";
            default -> "{\"service\":\"api\",\"timestamp\":\"yesterday\",\"latency_p99\":120}";
        };
        if (random.nextInt(8) == 0) {
            byte[] bytes = new byte[random.nextInt(2048)];
            random.nextBytes(bytes);
            return bytes;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String oddText(Random random) {
        return pick(
                random,
                "x",
                "",
                "..%2F..%2Fetc%2Fpasswd",
                "' OR 1=1 --",
                "\u00e9\u4e2d\ud83d\ude00",
                "a".repeat(5000),
                "-1",
                "99999999999999999999",
                "INC-0000000000",
                "%00",
                "<script>");
    }

    private static String oddQuery(Random random) {
        String name = pick(random, "limit", "after", "version", "seed", "name", "note", "service", "type", "since");
        String value =
                pick(random, "-1", "0", "1e9", "NaN", "abc", "", "99999999999999999999999", "%25ZZ", "%00", "1,2");
        return name + "=" + value + (random.nextBoolean() ? "&" + name + "=" + value : "");
    }

    /** The JDK client refuses control characters in headers; the server never sees them, so send a stand-in. */
    private static String safeHeader(String value) {
        return value.replace('\u0000', '0');
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    private static String describe(HttpRequest request, Route route) {
        return route.method() + " " + route.path() + " as " + clip(request.uri().toString());
    }

    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
