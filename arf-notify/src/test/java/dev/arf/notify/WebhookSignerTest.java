package dev.arf.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.notify.Secret;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    @Test
    void signsTheStandardWebhooksPublishedTestVector() {
        // the reference libraries' own vector (standard-webhooks, libraries/*/ tests)
        Secret secret = Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String signature =
                WebhookSigner.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aRotationSignsWithBothSecretsSeparatedByASpace() {
        Secret next = WebhookSigner.newSecret(new Random(1));
        Secret old = Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String header = WebhookSigner.signatures(
                List.of(next, old), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");

        assertThat(header.split(" "))
                .containsExactly(
                        WebhookSigner.sign(next, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"),
                        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aNewSecretIsWhsecAndTwentyFourRandomBytes() {
        Secret secret = WebhookSigner.newSecret(new Random(42));

        assertThat(secret.reveal()).matches("whsec_[A-Za-z0-9+/]{32}");
        assertThat(WebhookSigner.parseSecret(secret.reveal())).isEqualTo(secret);
        assertThat(secret).hasToString("****");
    }

    @Test
    void aSuppliedSecretIsCheckedWithoutRepeatingIt() {
        assertThatThrownBy(() -> WebhookSigner.parseSecret("whsec_c2hvcnQ="))
                .hasMessageContaining("24 to 64 bytes")
                .hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> WebhookSigner.parseSecret("s3cr3t-canary")).hasMessageNotContaining("s3cr3t-canary");
        assertThatThrownBy(() -> WebhookSigner.parseSecret("whsec_!!!not-base64"))
                .hasMessageNotContaining("not-base64");
    }
}
