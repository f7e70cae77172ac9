package dev.arf.notify;

import dev.arf.core.detect.Severity;
import dev.arf.core.incident.IncidentState;
import dev.arf.notify.net.AllowList;
import dev.arf.notify.net.GuardedHttp;
import dev.arf.notify.net.HostResolver;
import dev.arf.notify.net.UrlGuard;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Shared test values. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Fixtures() {}

    /** HTTP that may reach 127.0.0.1 (the test receivers), and nothing else private. */
    static GuardedHttp loopbackHttp() {
        return new GuardedHttp(new UrlGuard(AllowList.of(List.of("127.0.0.1")), HostResolver.SYSTEM));
    }

    static Notification incident(String id, String incident, IncidentState state) {
        return new Notification(
                id,
                EventType.INCIDENT_STATE_CHANGED,
                "checkout",
                incident,
                state,
                Severity.CRITICAL,
                "checkout: p99 latency 850 ms (threshold 500 ms)",
                T0,
                "{\"latency_p99_ms\":850,\"threshold_ms\":500}");
    }

    static Notification event(String id, EventType type, String service) {
        return new Notification(
                id, type, service, null, null, Severity.HIGH, type.wireName() + " on " + service, T0, "{}");
    }

    /** What a receiver computes to check a Standard Webhooks signature, written independently of the signer. */
    static String expectedSignature(String whsec, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(whsec.substring("whsec_".length())), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
