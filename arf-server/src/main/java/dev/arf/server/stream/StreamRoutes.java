package dev.arf.server.stream;

import dev.arf.core.access.ApiToken;
import dev.arf.core.access.ApiTokens;
import dev.arf.core.access.Role;
import dev.arf.server.http.ApiProblem;
import dev.arf.server.http.Caller;
import dev.arf.server.http.Route;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * The event stream's endpoints: Server-Sent Events at {@value #SSE_PATH} and a WebSocket at
 * {@value #WS_PATH}, both for the viewer role, both with the filters {@code service} and {@code type}
 * (repeatable) and resumable with {@code Last-Event-ID} (header, or the {@code last_event_id} query
 * parameter).
 *
 * <p>The WebSocket takes its token from the {@code Authorization: Bearer} header or, for browsers
 * (which cannot set headers on a WebSocket), from the subprotocol list: {@code
 * Sec-WebSocket-Protocol: arf.v1, arf.bearer.<token>} (the server answers {@code arf.v1}). Never from
 * the query string: URLs end up in access logs, proxy logs and browser history.
 */
public final class StreamRoutes {
    public static final String SSE_PATH = "/api/v1/events/stream";
    public static final String WS_PATH = "/api/v1/events/ws";
    /** The subprotocol the WebSocket speaks (JSON text frames, one event each). */
    public static final String SUBPROTOCOL = "arf.v1";

    static final String BEARER_PROTOCOL = "arf.bearer.";
    private static final String CALLER = "arf.stream.caller";
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final EventStream stream;
    private final ApiTokens tokens;
    private final Map<String, EventStream.Subscriber> sockets = new ConcurrentHashMap<>();

    public StreamRoutes(EventStream stream, ApiTokens tokens) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    public List<Route> routes() {
        return List.of(
                Route.get(
                                SSE_PATH,
                                Role.VIEWER,
                                "events",
                                "Server-Sent Events: every audit record as an event (seed 004's names), live; "
                                        + "Accept: text/event-stream; resumable with Last-Event-ID",
                                this::sse)
                        .param("service", "string", "only this service (repeatable)")
                        .param("type", "string", "only this event name (repeatable), e.g. incident_state_changed")
                        .param("last_event_id", "integer", "resume after this id (as the Last-Event-ID header)")
                        .answers(200, "text/event-stream"),
                Route.get(
                                WS_PATH,
                                Role.VIEWER,
                                "events",
                                "WebSocket (upgrade only): the same events as JSON text frames; token in "
                                        + "Authorization or as subprotocol arf.bearer.<token> beside arf.v1",
                                this::notUpgraded)
                        .param("service", "string", "only this service (repeatable)")
                        .param("type", "string", "only this event name (repeatable)")
                        .param("last_event_id", "integer", "resume after this id"));
    }

    /** Installs the WebSocket endpoint (authenticated before the upgrade). */
    public void install(JavalinConfig config) {
        config.routes.addHttpHandler(HandlerType.WEBSOCKET_BEFORE_UPGRADE, WS_PATH, this::beforeUpgrade);
        config.routes.addWsHandler(io.javalin.websocket.WsHandlerType.WEBSOCKET, WS_PATH, this::socket);
    }

    private void sse(Context ctx, Caller caller) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiProblem(
                    406,
                    "not-acceptable",
                    "Not acceptable",
                    "this endpoint streams Server-Sent Events: send Accept: text/event-stream",
                    List.of());
        }
        StreamFilter filter = filter(ctx.queryParams("service"), ctx.queryParams("type"));
        OptionalLong last = lastEventId(ctx.header("Last-Event-ID"), ctx.queryParam("last_event_id"));
        new SseHandler(client -> {
                    client.keepAlive();
                    EventStream.Subscriber s = stream.open(filter, last, new SseSink(client));
                    client.onClose(() -> s.stop("the client has gone"));
                })
                .handle(ctx);
    }

    private void notUpgraded(Context ctx, Caller caller) {
        throw new ApiProblem(
                426,
                "upgrade-required",
                "Upgrade required",
                "this is a WebSocket endpoint: connect with Upgrade: websocket (or use " + SSE_PATH + ")",
                List.of(),
                Map.of("Upgrade", "websocket"));
    }

    private void beforeUpgrade(Context ctx) {
        Optional<String> fromProtocol = protocols(ctx.header("Sec-WebSocket-Protocol")).stream()
                .filter(p -> p.startsWith(BEARER_PROTOCOL))
                .map(p -> p.substring(BEARER_PROTOCOL.length()))
                .findFirst();
        String header = ctx.header("Authorization");
        String token;
        if (header != null && !header.isBlank()) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw unauthorized("the Authorization header must use the Bearer scheme");
            }
            token = header.substring(7).trim();
        } else if (fromProtocol.isPresent()) {
            token = fromProtocol.get();
        } else {
            throw unauthorized("this endpoint needs an API token: Authorization: Bearer <token>, or the "
                    + "subprotocols " + SUBPROTOCOL + " and " + BEARER_PROTOCOL + "<token>");
        }
        ApiToken t = tokens.authenticate(token)
                .orElseThrow(() -> unauthorized("the token is not valid (unknown, malformed or revoked)"));
        if (!t.role().includes(Role.VIEWER)) {
            throw new ApiProblem(403, "forbidden", "The token's role does not allow this", WS_PATH, List.of());
        }
        // Checked now so that a bad parameter is a 400, not a closed socket.
        filter(ctx.queryParams("service"), ctx.queryParams("type"));
        lastEventId(ctx.header("Last-Event-ID"), ctx.queryParam("last_event_id"));
        if (protocols(ctx.header("Sec-WebSocket-Protocol")).contains(SUBPROTOCOL)) {
            ctx.header("Sec-WebSocket-Protocol", SUBPROTOCOL);
        }
        ctx.attribute(CALLER, t.id());
    }

    private void socket(WsConfig ws) {
        ws.onConnect(ctx -> {
            StreamFilter filter = filter(ctx.queryParams("service"), ctx.queryParams("type"));
            OptionalLong last = lastEventId(ctx.header("Last-Event-ID"), ctx.queryParam("last_event_id"));
            sockets.put(ctx.sessionId(), stream.open(filter, last, new SocketSink(ctx)));
        });
        ws.onClose(ctx -> {
            EventStream.Subscriber s = sockets.remove(ctx.sessionId());
            if (s != null) {
                s.stop("the client has gone");
            }
        });
        ws.onError(ctx -> {
            EventStream.Subscriber s = sockets.remove(ctx.sessionId());
            if (s != null) {
                s.stop("the connection failed");
            }
        });
    }

    private static List<String> protocols(String header) {
        if (header == null) {
            return List.of();
        }
        return Arrays.stream(header.split(","))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .toList();
    }

    private static ApiProblem unauthorized(String detail) {
        return new ApiProblem(
                401,
                "unauthorized",
                "Authentication required",
                detail,
                List.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"arf\""));
    }

    static StreamFilter filter(List<String> services, List<String> types) {
        Set<String> known = StreamNames.names();
        List<String> problems = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (String t : types) {
            for (String one : t.split(",")) {
                String name = one.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!known.contains(name)) {
                    problems.add("type: unknown event name '" + clip(name) + "'; known: " + String.join(", ", known));
                }
                wanted.add(name);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.badRequest(problems.get(0), problems);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String s : services) {
            for (String one : s.split(",")) {
                if (!one.isBlank()) {
                    names.add(one.trim());
                }
            }
        }
        return new StreamFilter(names, wanted);
    }

    static OptionalLong lastEventId(String header, String query) {
        String text = header != null && !header.isBlank() ? header.trim() : query;
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(text.trim());
            if (id < 0) {
                throw ApiProblem.badRequest("Last-Event-ID: must not be negative, got " + id);
            }
            return OptionalLong.of(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(
                    "Last-Event-ID: must be an event id (a whole number), got '" + clip(text) + "'");
        }
    }

    private static String clip(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 80) + "…";
    }

    /** An SSE response: {@code id}, {@code event} and {@code data} lines; comments as heartbeats. */
    private static final class SseSink implements EventSink {
        private final SseClient client;

        SseSink(SseClient client) {
            this.client = client;
        }

        @Override
        public void send(StreamEvent event, String json) throws IOException {
            client.sendEvent(event.name(), json, Long.toString(event.id()));
            if (client.terminated()) {
                throw new IOException("the client has gone");
            }
        }

        @Override
        public void heartbeat() throws IOException {
            client.sendComment("keep-alive");
            if (client.terminated()) {
                throw new IOException("the client has gone");
            }
        }

        @Override
        public boolean isOpen() {
            return !client.terminated();
        }

        @Override
        public void close(String reason) {
            if (!client.terminated()) {
                client.sendComment("closing: " + reason);
                client.close();
            }
        }
    }

    /** A WebSocket session: one JSON text frame per event, pings as heartbeats; each send waits (bounded). */
    private static final class SocketSink implements EventSink {
        private final WsContext ctx;

        SocketSink(WsContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void send(StreamEvent event, String json) throws IOException {
            Callback.Completable done = new Callback.Completable();
            ctx.session.sendText(json, done);
            await(done);
        }

        @Override
        public void heartbeat() throws IOException {
            Callback.Completable done = new Callback.Completable();
            ctx.session.sendPing(java.nio.ByteBuffer.allocate(0), done);
            await(done);
        }

        private static void await(Callback.Completable done) throws IOException {
            try {
                done.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("the client has gone", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public boolean isOpen() {
            return ctx.session.isOpen();
        }

        @Override
        public void close(String reason) {
            if (ctx.session.isOpen()) {
                WsCloseStatus status = reason.startsWith("too slow")
                        ? WsCloseStatus.TRY_AGAIN_LATER
                        : reason.startsWith("the server") ? WsCloseStatus.GOING_AWAY : WsCloseStatus.NORMAL_CLOSURE;
                ctx.closeSession(status, reason.length() > 100 ? reason.substring(0, 100) : reason);
            }
        }
    }
}
