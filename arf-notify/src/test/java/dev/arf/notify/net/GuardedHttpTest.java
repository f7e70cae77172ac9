package dev.arf.notify.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard at connection time, against a real local receiver that must never be reached when refused. */
class GuardedHttpTest {
    private static final String PUBLIC = "93.184.215.14";
    private final MockWebServer receiver = new MockWebServer();
    private String base;

    @BeforeEach
    void start() throws Exception {
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
        base = "http://127.0.0.1:" + receiver.getPort();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static UrlGuard loopbackAllowed(HostResolver dns) {
        return new UrlGuard(AllowList.of(List.of("127.0.0.1")), dns);
    }

    private static HttpOutcome post(GuardedHttp http, String url) {
        return http.post(url, Map.of(), "{}", "application/json");
    }

    @Test
    void deliversToALoopbackReceiverOnlyWhenTheAllowListNamesIt() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(204).build());

        HttpOutcome refused = post(new GuardedHttp(new UrlGuard(AllowList.none(), new FakeDns())), base + "/hook");
        HttpOutcome delivered = post(new GuardedHttp(loopbackAllowed(new FakeDns())), base + "/hook");

        assertThat(refused)
                .isInstanceOfSatisfying(
                        HttpOutcome.Refused.class,
                        r -> assertThat(r.refusal().reason()).isEqualTo(UrlVerdict.Reason.FORBIDDEN_ADDRESS));
        assertThat(delivered).isEqualTo(new HttpOutcome.Response(204, java.util.Optional.empty(), ""));
        assertThat(receiver.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckIsRefusedAtConnect() {
        // registration and the check before sending see a public address; the connection's own lookup sees loopback
        FakeDns dns =
                new FakeDns().answers("rebind.example.com", List.of(PUBLIC), List.of(PUBLIC), List.of("127.0.0.1"));
        UrlGuard guard = new UrlGuard(AllowList.none(), dns);
        String url = "http://rebind.example.com:" + receiver.getPort() + "/hook";
        assertThat(guard.check(url).allowed()).as("at registration").isTrue();

        HttpOutcome outcome = post(new GuardedHttp(guard), url);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        HttpOutcome.Refused.class,
                        r -> assertThat(r.refusal().reason()).isEqualTo(UrlVerdict.Reason.FORBIDDEN_ADDRESS));
        assertThat(dns.lookups()).isEqualTo(3);
        assertThat(receiver.getRequestCount()).isZero();
    }

    @Test
    void aSocketRefusesToConnectToAForbiddenAddressWhateverAskedForIt() throws Exception {
        GuardedSockets sockets = new GuardedSockets(new UrlGuard(AllowList.none(), new FakeDns()));

        try (Socket socket = sockets.socketFactory().createSocket()) {
            assertThatThrownBy(() -> socket.connect(
                            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), receiver.getPort()), 1000))
                    .isInstanceOf(SsrfRefusedException.class)
                    .hasMessageContaining("SSRF_FORBIDDEN_ADDRESS")
                    .hasMessageContaining("loopback");
            assertThat(socket.isConnected()).isFalse();
        }
    }

    @Test
    void aRedirectIsCheckedLikeANewUrlAndNeverFollowedToAForbiddenPlace() {
        receiver.enqueue(new MockResponse.Builder()
                .code(307)
                .setHeader("Location", "http://169.254.169.254/latest/meta-data/")
                .build());
        receiver.enqueue(new MockResponse.Builder()
                .code(302)
                .setHeader("Location", "http://localhost:" + receiver.getPort() + "/x")
                .build());
        receiver.enqueue(new MockResponse.Builder()
                .code(308)
                .setHeader("Location", "http://2130706433/")
                .build());
        GuardedHttp http = new GuardedHttp(loopbackAllowed(new FakeDns()));

        assertThat(((HttpOutcome.Refused) post(http, base + "/a")).refusal().reason())
                .isEqualTo(UrlVerdict.Reason.METADATA_ADDRESS);
        assertThat(((HttpOutcome.Refused) post(http, base + "/b")).refusal().reason())
                .isEqualTo(UrlVerdict.Reason.FORBIDDEN_HOST_NAME);
        assertThat(((HttpOutcome.Refused) post(http, base + "/c")).refusal().reason())
                .isEqualTo(UrlVerdict.Reason.ODD_IP_ENCODING);
        assertThat(receiver.getRequestCount()).isEqualTo(3);
    }

    @Test
    void anAllowedRedirectIsFollowedWithTheSamePostAndAtMostThreeTimes() throws Exception {
        receiver.enqueue(new MockResponse.Builder()
                .code(308)
                .setHeader("Location", "/moved")
                .build());
        receiver.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        GuardedHttp http = new GuardedHttp(loopbackAllowed(new FakeDns()));

        HttpOutcome outcome =
                http.post(base + "/start", Map.of("webhook-id", "msg_1"), "{\"a\":1}", "application/json");

        assertThat(outcome).isEqualTo(new HttpOutcome.Response(200, java.util.Optional.empty(), "ok"));
        receiver.takeRequest();
        var second = receiver.takeRequest();
        assertThat(second.getMethod()).isEqualTo("POST");
        assertThat(second.getTarget()).isEqualTo("/moved");
        assertThat(second.getBody().utf8()).isEqualTo("{\"a\":1}");
        assertThat(second.getHeaders().get("webhook-id")).isEqualTo("msg_1");

        for (int i = 0; i < 4; i++) {
            receiver.enqueue(new MockResponse.Builder()
                    .code(307)
                    .setHeader("Location", "/again" + i)
                    .build());
        }
        assertThat(post(http, base + "/loop"))
                .isInstanceOfSatisfying(
                        HttpOutcome.Response.class, r -> assertThat(r.status()).isEqualTo(307));
        assertThat(receiver.getRequestCount()).isEqualTo(2 + 4);
    }

    @Test
    void aClosedPortIsANetworkFailure() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }

        HttpOutcome outcome = post(new GuardedHttp(loopbackAllowed(new FakeDns())), "http://127.0.0.1:" + port + "/");

        assertThat(outcome).isInstanceOf(HttpOutcome.NetworkFailure.class);
    }
}
