package dev.arf.server.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson3;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of the server: Javalin (Jetty) on one host and port, every route of a {@link
 * RouteTable} installed behind the {@link Authenticator}, every error answered as a problem. Stopping
 * stops accepting at once and lets requests in flight finish (up to the drain timeout).
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final String PROBLEM_WRITTEN = "arf.problem-written";

    private final Javalin app;

    /** Hears every answered request: method, the route's template (or NOT_FOUND), status, duration. */
    @FunctionalInterface
    public interface RequestObserver {
        RequestObserver NONE = (method, route, status, nanos) -> {};

        void answered(String method, String route, int status, long nanos);
    }

    public HttpServer(
            String host,
            int port,
            RouteTable table,
            Authenticator auth,
            JsonMapper json,
            long maxBodyBytes,
            Duration drainTimeout) {
        this(host, port, table, auth, json, maxBodyBytes, drainTimeout, RequestObserver.NONE, c -> {});
    }

    /**
     * With an {@code observer} of every answered request (metrics) and {@code extensions}: handlers outside the
     * route table (the WebSocket endpoint).
     */
    public HttpServer(
            String host,
            int port,
            RouteTable table,
            Authenticator auth,
            JsonMapper json,
            long maxBodyBytes,
            Duration drainTimeout,
            RequestObserver observer,
            Consumer<JavalinConfig> extensions) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(observer, "observer");
        Problems problems = new Problems(json);
        this.app = Javalin.create(c -> {
            c.jetty.host = host;
            c.jetty.port = port;
            c.jetty.modifyServer(server -> {
                server.setStopTimeout(drainTimeout.toMillis());
                server.setHandler(new GracefulHandler());
            });
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.http.maxRequestSize = maxBodyBytes;
            c.http.prefer405over404 = true;
            c.router.ignoreTrailingSlashes = true;
            c.jsonMapper(new JavalinJackson3(json, false));
            c.requestLogger.http((ctx, millis) ->
                    observer.answered(ctx.method().name(), routeOf(ctx), ctx.statusCode(), (long) (millis * 1e6)));
            for (Route route : table.routes()) {
                c.routes.addHttpHandler(HandlerType.findOrCreate(route.method().name()), route.path(), ctx -> {
                    Caller caller = auth.check(ctx, route);
                    route.handler().handle(ctx, caller);
                });
            }
            extensions.accept(c);
            c.routes.exception(ApiProblem.class, (e, ctx) -> {
                ctx.attribute(PROBLEM_WRITTEN, true);
                problems.write(ctx, e);
            });
            c.routes.exception(HttpResponseException.class, (e, ctx) -> {
                ctx.attribute(PROBLEM_WRITTEN, true);
                if (e.getStatus() == 413) {
                    problems.write(ctx, ApiProblem.tooLarge(maxBodyBytes));
                } else if (e.getStatus() == 404) {
                    problems.write(ctx, noEndpoint(ctx));
                } else if (e.getStatus() == 405) {
                    problems.write(ctx, methodNotAllowed(ctx));
                } else {
                    problems.write(
                            ctx, e.getStatus(), "http-" + e.getStatus(), e.getMessage(), e.getMessage(), List.of());
                }
            });
            c.routes.exception(Exception.class, (e, ctx) -> {
                ctx.attribute(PROBLEM_WRITTEN, true);
                String id = UUID.randomUUID().toString();
                LOG.error("request {} {} failed (error id {})", ctx.method(), sanitize(ctx.path()), id, e);
                problems.write(
                        ctx,
                        500,
                        "internal-error",
                        "Internal server error",
                        "the server could not complete the request; error id " + id + " is in its log",
                        List.of());
            });
            c.routes.error(404, ctx -> unlessWritten(ctx, () -> problems.write(ctx, noEndpoint(ctx))));
            c.routes.error(405, ctx -> unlessWritten(ctx, () -> problems.write(ctx, methodNotAllowed(ctx))));
        });
    }

    /** The matched route's template, so that metrics never carry raw paths (ids, garbage). */
    private static String routeOf(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return ctx.statusCode() == 404 ? "NOT_FOUND" : "UNKNOWN";
        }
    }

    private static ApiProblem noEndpoint(Context ctx) {
        return ApiProblem.notFound("no endpoint " + ctx.method() + " " + sanitize(ctx.path()) + "; see /openapi.json");
    }

    private static ApiProblem methodNotAllowed(Context ctx) {
        return new ApiProblem(
                405,
                "method-not-allowed",
                "Method not allowed",
                ctx.method() + " is not allowed on " + sanitize(ctx.path()),
                List.of());
    }

    private static void unlessWritten(Context ctx, Runnable write) {
        if (ctx.attribute(PROBLEM_WRITTEN) == null) {
            write.run();
        }
    }

    /** Paths go into answers and logs: no control characters (a forged log line), no more than 200 characters. */
    static String sanitize(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 200 ? clean : clean.substring(0, 200) + "…";
    }

    public HttpServer start() {
        app.start();
        return this;
    }

    /** The port listened on (the one chosen when 0 was asked for). */
    public int port() {
        return app.port();
    }

    /** Stops accepting, lets requests in flight finish (up to the drain timeout), then stops. */
    @Override
    public void close() {
        app.stop();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
