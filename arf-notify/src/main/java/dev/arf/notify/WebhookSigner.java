package dev.arf.notify;

import dev.arf.core.notify.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "<webhook-id>.<webhook-timestamp>.<body>">}, keyed by the base64-decoded part of a {@code
 * whsec_<base64>} secret; several secrets (a rotation) give several signatures separated by spaces.
 */
public final class WebhookSigner {
    public static final String SECRET_PREFIX = "whsec_";
    /** Bytes of a generated secret: 24 (192 bits), as common Standard Webhooks senders use. */
    public static final int SECRET_BYTES = 24;

    private WebhookSigner() {}

    /** A new secret {@code whsec_<base64 of 24 random bytes>}. */
    public static Secret newSecret(RandomGenerator random) {
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        return Secret.of(SECRET_PREFIX + Base64.getEncoder().encodeToString(key));
    }

    public static Secret newSecret() {
        return newSecret(new SecureRandom());
    }

    /**
     * Checks a secret someone supplied: {@code whsec_} then base64 of 24 to 64 bytes.
     *
     * @throws IllegalArgumentException saying what is wrong, never the secret
     */
    public static Secret parseSecret(String text) {
        if (text == null || !text.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with whsec_");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret holds 24 to 64 bytes, this one " + key.length);
        }
        return Secret.of(text);
    }

    /** {@code v1,<signature>} for one secret. */
    public static String sign(Secret secret, String webhookId, long timestampSeconds, String body) {
        String value = secret.reveal();
        String base64 = value.startsWith(SECRET_PREFIX) ? value.substring(SECRET_PREFIX.length()) : value;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64), "HmacSHA256"));
            byte[] signed =
                    mac.doFinal((webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "cannot sign with a webhook secret: " + e.getClass().getSimpleName());
        }
    }

    /** The {@code webhook-signature} header value: one signature per secret, separated by spaces. */
    public static String signatures(List<Secret> secrets, String webhookId, long timestampSeconds, String body) {
        return secrets.stream()
                .map(s -> sign(s, webhookId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }
}
