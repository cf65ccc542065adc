package orderflow.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import orderflow.shared.domain.Failure;

/**
 * EasyPost's webhook signature: header {@code X-Hmac-Signature: hmac-sha256-hex=<hex>}, the hex
 * HMAC-SHA256 of the raw body keyed with the webhook secret NFKD-normalised and UTF-8 encoded (what
 * EasyPost's client libraries' validate_webhook computes; docs.easypost.com, Webhooks: "HMAC
 * Validation"). No timestamp is signed in this scheme, so a replay is possible: the event id and the
 * monotonic tracking status make a replayed event harmless. Every secret is checked in constant
 * time, so the secret can be rotated.
 */
public final class EasyPostSignature {

    public static final String HEADER = "X-Hmac-Signature";
    private static final String PREFIX = "hmac-sha256-hex=";

    private EasyPostSignature() {
    }

    public static void verify(String header, byte[] body, List<String> secrets) {
        byte[] given = null;
        if (header != null && header.strip().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            try {
                given = HexFormat.of().parseHex(header.strip().substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                given = null;
            }
        }
        boolean match = false;
        for (String secret : secrets) {
            // No early exit: timing does not tell which secret matched.
            match |= given != null && secret != null && !secret.isEmpty() && MessageDigest.isEqual(hmac(secret, body), given);
        }
        if (!match) {
            throw new Failure.Unauthenticated("The " + HEADER + " signature does not match a webhook secret of this account.");
        }
    }

    /** The header value EasyPost would send for this body. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = Normalizer.normalize(secret, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
