package dev.arf.notify.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * ARF's one way out over HTTP: OkHttp with the SSRF guard on every hop. No proxy (the guard must see
 * the real destination), no automatic redirects — each Location is checked like a new URL and
 * followed by ARF itself, at most {@value #MAX_REDIRECTS} times, with the same POST — no silent
 * retries (the outbox retries), DNS through {@link GuardedSockets#dns()} and sockets that check the
 * address they connect to.
 */
public final class GuardedHttp {
    public static final int MAX_REDIRECTS = 3;
    private static final int BODY_LIMIT = 4096;

    private final UrlGuard guard;
    private final OkHttpClient client;

    public GuardedHttp(UrlGuard guard, Duration connectTimeout, Duration callTimeout) {
        this.guard = Objects.requireNonNull(guard, "guard");
        GuardedSockets sockets = new GuardedSockets(guard);
        this.client = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .dns(sockets.dns())
                .socketFactory(sockets.socketFactory())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(connectTimeout)
                .readTimeout(callTimeout)
                .callTimeout(callTimeout)
                .build();
    }

    public GuardedHttp(UrlGuard guard) {
        this(guard, Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    public UrlGuard guard() {
        return guard;
    }

    /** POSTs {@code body} to {@code url}; never throws for a failure of the receiver or the network. */
    public HttpOutcome post(String url, Map<String, String> headers, String body, String contentType) {
        String current = url;
        for (int hop = 0; ; hop++) {
            UrlVerdict verdict = guard.check(current);
            if (verdict instanceof UrlVerdict.Refused refused) {
                return new HttpOutcome.Refused(
                        hop == 0 ? refused : new UrlVerdict.Refused(refused.reason(), "redirect: " + refused.detail()));
            }
            HttpUrl target = HttpUrl.get(current);
            Request.Builder request = new Request.Builder()
                    .url(target)
                    .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get(contentType)));
            headers.forEach(request::header);
            try (Response response = client.newCall(request.build()).execute()) {
                int status = response.code();
                String location = response.header("Location");
                if (isRedirect(status) && location != null && hop < MAX_REDIRECTS) {
                    HttpUrl next = target.resolve(location);
                    if (next == null) {
                        return new HttpOutcome.Response(status, Optional.empty(), "redirect to an unreadable location");
                    }
                    current = next.toString();
                    continue;
                }
                return new HttpOutcome.Response(
                        status, Optional.ofNullable(response.header("Retry-After")), snippet(response));
            } catch (IOException e) {
                Optional<SsrfRefusedException> refusal = ssrf(e);
                if (refusal.isPresent()) {
                    return new HttpOutcome.Refused(refusal.get().refusal());
                }
                return new HttpOutcome.NetworkFailure(
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String snippet(Response response) throws IOException {
        if (response.body() == null) {
            return "";
        }
        try (InputStream in = response.body().byteStream()) {
            byte[] bytes = in.readNBytes(BODY_LIMIT);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Optional<SsrfRefusedException> ssrf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SsrfRefusedException s) {
                return Optional.of(s);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SsrfRefusedException s) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }
}
