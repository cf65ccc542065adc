package orderflow.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import orderflow.shared.domain.Failure;

/**
 * Shopify (X-Shopify-Hmac-Sha256) and WooCommerce (X-WC-Webhook-Signature) sign a webhook with
 * base64(HMAC-SHA256(raw body, secret)). Compared in constant time against every active secret,
 * so a secret can be rotated; these platforms send no timestamp to bound replays, which the
 * delivery log and idempotent order ids make harmless.
 */
public final class PlatformSignature {

    private PlatformSignature() {
    }

    public static void verify(String header, byte[] body, List<String> secrets) {
        byte[] given;
        try {
            given = header == null ? null : Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            given = null;
        }
        boolean match = false;
        for (String secret : secrets) {
            // Every secret is checked (no early exit): timing does not tell which one matched.
            match |= given != null && MessageDigest.isEqual(hmac(secret, body), given);
        }
        if (!match) {
            throw new Failure.Unauthenticated("The signature does not match a secret of this storefront.");
        }
    }

    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
