package dev.arf.notify.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * Coverage-guided fuzzing of the SSRF guard (run with {@code JAZZER_FUZZ=1}); a normal test run replays
 * the seeds under {@code UrlGuardFuzzTestInputs/anyUrlIsAllowedOnlyToPublicAddresses/}. Every name
 * "resolves" to a public address, except names containing {@code rebind}, which resolve to loopback.
 */
class UrlGuardFuzzTest {
    private static final InetAddress PUBLIC = Addresses.literal("93.184.215.14").orElseThrow();
    private static final InetAddress LOOPBACK = Addresses.literal("127.0.0.1").orElseThrow();
    private static final UrlGuard GUARD =
            new UrlGuard(AllowList.none(), host -> List.of(host.contains("rebind") ? LOOPBACK : PUBLIC));

    @FuzzTest(maxDuration = "30s")
    void anyUrlIsAllowedOnlyToPublicAddresses(FuzzedDataProvider data) {
        String url = data.consumeRemainingAsString();

        UrlVerdict verdict = GUARD.check(url); // never throws

        if (verdict instanceof UrlVerdict.Allowed allowed) {
            assertThat(allowed.uri().getScheme().toLowerCase(java.util.Locale.ROOT))
                    .isIn("http", "https");
            assertThat(allowed.uri().getRawAuthority()).doesNotContain("@");
            assertThat(allowed.addresses())
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(Addresses.forbidden(a)).isEmpty());
            HttpUrl sent = HttpUrl.parse(url);
            assertThat(sent).as("the client reads what the guard allowed").isNotNull();
            Addresses.literal(sent.host())
                    .ifPresentOrElse(
                            a -> assertThat(Addresses.forbidden(a)).isEmpty(),
                            () -> assertThat(sent.host())
                                    .doesNotContain("rebind")
                                    .isNotEqualTo("localhost")
                                    .doesNotEndWith(".localhost"));
        }
    }
}
