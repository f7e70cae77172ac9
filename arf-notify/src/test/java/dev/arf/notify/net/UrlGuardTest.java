package dev.arf.notify.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.notify.net.UrlVerdict.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTest {
    private static final String PUBLIC = "93.184.215.14";

    private final FakeDns dns = new FakeDns()
            .map("hooks.example.com", PUBLIC)
            .map("internal.example.com", "10.0.0.5")
            .map("mixed.example.com", PUBLIC, "127.0.0.1")
            .map("v6.example.com", "2606:4700::1111")
            .map("meta.example.com", "169.254.169.254")
            .map("hooks.corp.example", "10.1.2.3")
            .map("a.corp.example", "10.1.2.4");
    private final UrlGuard strict = new UrlGuard(AllowList.none(), dns);

    private Reason refusal(UrlGuard guard, String url) {
        UrlVerdict v = guard.check(url);
        assertThat(v).as(url).isInstanceOf(UrlVerdict.Refused.class);
        return ((UrlVerdict.Refused) v).reason();
    }

    @Test
    void allowsAPublicHttpsUrl() {
        UrlVerdict v = strict.check("https://hooks.example.com/arf/events?team=sre");

        assertThat(v).isInstanceOfSatisfying(UrlVerdict.Allowed.class, a -> {
            assertThat(a.host()).isEqualTo("hooks.example.com");
            assertThat(a.addresses())
                    .extracting(java.net.InetAddress::getHostAddress)
                    .containsExactly(PUBLIC);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///etc/passwd",
                "ftp://hooks.example.com/",
                "gopher://hooks.example.com:70/_x",
                "dict://hooks.example.com:11211/",
                "jar:http://hooks.example.com/x.jar!/",
                "javascript:alert(1)",
                "data:text/plain,hi",
                "ws://hooks.example.com/",
                "//hooks.example.com/"
            })
    void refusesSchemesOtherThanHttpAndHttps(String url) {
        assertThat(refusal(strict, url)).isIn(Reason.SCHEME_NOT_ALLOWED, Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://user:pw@hooks.example.com/",
                "http://hooks.example.com@127.0.0.1/",
                "https://token@hooks.example.com/"
            })
    void refusesUserInfo(String url) {
        assertThat(refusal(strict, url)).isEqualTo(Reason.USERINFO_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://2130706433/",
                "http://0177.0.0.1/",
                "http://0x7f.1/",
                "http://0x7f000001/",
                "http://127.1/",
                "http://127.0.1/",
                "http://017700000001/",
                "http://0x7f.0.0.1/",
                "http://127.000.000.001/",
                "http://1.2.3.4.5/",
                "http://example.0x10/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:169.254.169.254]/",
                "http://[64:ff9b::127.0.0.1]/"
            })
    void refusesOddEncodingsOfIpAddresses(String url) {
        assertThat(refusal(strict, url)).isEqualTo(Reason.ODD_IP_ENCODING);
    }

    @Test
    void theAllowListNeverRescuesAnOddEncoding() {
        UrlGuard open = new UrlGuard(AllowList.of(List.of("0.0.0.0/0", "::/0")), dns);

        assertThat(refusal(open, "http://2130706433/")).isEqualTo(Reason.ODD_IP_ENCODING);
        assertThat(refusal(open, "http://0x7f.1/")).isEqualTo(Reason.ODD_IP_ENCODING);
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1/, FORBIDDEN_ADDRESS",
        "http://127.255.0.9:8080/, FORBIDDEN_ADDRESS",
        "http://10.1.2.3/, FORBIDDEN_ADDRESS",
        "http://172.16.0.1/, FORBIDDEN_ADDRESS",
        "http://172.31.255.255/, FORBIDDEN_ADDRESS",
        "http://192.168.1.1/, FORBIDDEN_ADDRESS",
        "http://100.64.0.1/, FORBIDDEN_ADDRESS",
        "http://169.254.1.1/, FORBIDDEN_ADDRESS",
        "http://0.0.0.0/, FORBIDDEN_ADDRESS",
        "http://255.255.255.255/, FORBIDDEN_ADDRESS",
        "http://224.0.0.1/, FORBIDDEN_ADDRESS",
        "http://169.254.169.254/latest/meta-data/, METADATA_ADDRESS",
        "http://100.100.100.200/, METADATA_ADDRESS",
        "http://168.63.129.16/, METADATA_ADDRESS",
        "http://[fd00:ec2::254]/, METADATA_ADDRESS",
        "http://[::1]/, FORBIDDEN_ADDRESS",
        "http://[::]/, FORBIDDEN_ADDRESS",
        "http://[fe80::1]/, FORBIDDEN_ADDRESS",
        "http://[fc00::1]/, FORBIDDEN_ADDRESS",
        "http://[fdff:ffff::1]/, FORBIDDEN_ADDRESS",
        "http://[ff02::1]/, FORBIDDEN_ADDRESS",
        "http://[::ffff:7f00:1]/, FORBIDDEN_ADDRESS",
        "http://[::7f00:1]/, FORBIDDEN_ADDRESS",
        "http://[64:ff9b::7f00:1]/, FORBIDDEN_ADDRESS",
        "http://[64:ff9b::a00:1]/, FORBIDDEN_ADDRESS",
        "http://[64:ff9b:1::1]/, FORBIDDEN_ADDRESS",
        "http://[2002:7f00:1::]/, FORBIDDEN_ADDRESS",
        "http://[2002:a9fe:a9fe::1]/, FORBIDDEN_ADDRESS",
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/, FORBIDDEN_ADDRESS",
        "http://[2001:db8::1]/, FORBIDDEN_ADDRESS",
    })
    void refusesForbiddenAddressesWrittenAsLiterals(String url, Reason expected) {
        assertThat(refusal(strict, url)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://93.184.215.14/",
                "https://[2606:4700::1111]/",
                "http://[64:ff9b::5db8:d70e]/",
                "http://[2002:5db8:d70e::1]/",
                "https://v6.example.com:8443/x",
                "HTTPS://HOOKS.EXAMPLE.COM./Path"
            })
    void allowsPublicAddresses(String url) {
        assertThat(strict.check(url).allowed()).as(url).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost/",
                "http://LOCALHOST:8080/",
                "http://foo.localhost/",
                "http://metadata.google.internal/computeMetadata/v1/",
                "http://printer.local/",
                "http://intranet/",
                "http://kubernetes.default.svc/",
                "http://db.cluster.local/"
            })
    void refusesLocalHostNames(String url) {
        assertThat(refusal(strict, url)).isEqualTo(Reason.FORBIDDEN_HOST_NAME);
    }

    @Test
    void refusesANameWhenAnyOfItsAddressesIsForbidden() {
        assertThat(refusal(strict, "https://mixed.example.com/")).isEqualTo(Reason.FORBIDDEN_ADDRESS);
        assertThat(refusal(strict, "https://internal.example.com/")).isEqualTo(Reason.FORBIDDEN_ADDRESS);
        assertThat(refusal(strict, "https://meta.example.com/")).isEqualTo(Reason.METADATA_ADDRESS);
    }

    @Test
    void refusesANameThatDoesNotResolve() {
        assertThat(refusal(strict, "https://nowhere.example.com/")).isEqualTo(Reason.UNRESOLVABLE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://hooks.example.com\\@127.0.0.1/",
                "http://hooks.example.com /",
                "http://hooks.exämple.com/",
                "http://%31%32%37.0.0.1/",
                "http:///x",
                "http://under_score.example.com/",
                "http://hooks.example.com:99999/",
                "not a url",
                "",
                "http://１２７.０.０.１/"
            })
    void refusesMalformedUrls(String url) {
        assertThat(refusal(strict, url)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void anAllowListOpensLoopbackAndPrivateBlocksButNotMetadata() {
        UrlGuard guard =
                new UrlGuard(AllowList.of(List.of("127.0.0.0/8", "10.0.0.0/8", "169.254.0.0/16", "fd00::/8")), dns);

        assertThat(guard.check("http://127.0.0.1:9000/hook").allowed()).isTrue();
        assertThat(guard.check("https://internal.example.com/").allowed()).isTrue();
        assertThat(guard.check("http://169.254.1.1/").allowed()).isTrue();
        assertThat(refusal(guard, "http://169.254.169.254/")).isEqualTo(Reason.METADATA_ADDRESS);
        assertThat(refusal(guard, "http://[fd00:ec2::254]/")).isEqualTo(Reason.METADATA_ADDRESS);
        assertThat(refusal(guard, "http://192.168.0.1/")).isEqualTo(Reason.FORBIDDEN_ADDRESS);
    }

    @Test
    void aMetadataAddressOpensOnlyByItsExactEntry() {
        UrlGuard guard = new UrlGuard(AllowList.of(List.of("169.254.169.254")), dns);

        assertThat(guard.check("http://169.254.169.254/").allowed()).isTrue();
    }

    @Test
    void anAllowListedHostNameTrustsWhatItResolvesTo() {
        UrlGuard guard = new UrlGuard(AllowList.of(List.of("hooks.corp.example")), dns);
        UrlGuard wildcard = new UrlGuard(AllowList.of(List.of("*.corp.example")), dns);

        assertThat(guard.check("https://hooks.corp.example/x").allowed()).isTrue();
        assertThat(refusal(guard, "https://a.corp.example/x")).isEqualTo(Reason.FORBIDDEN_ADDRESS);
        assertThat(refusal(guard, "https://internal.example.com/")).isEqualTo(Reason.FORBIDDEN_ADDRESS);
        assertThat(wildcard.check("https://a.corp.example/x").allowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://x", "0x7f.1", "foo bar", "10.0.0.0/33", "*.", "2130706433"})
    void anAllowListRefusesEntriesThatAreNeitherBlocksNorNames(String entry) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AllowList.of(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }
}
