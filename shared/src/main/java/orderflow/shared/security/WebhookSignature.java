package orderflow.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import orderflow.shared.domain.Failure;

/**
 * Our generic webhook signature, Stripe style: header {@code t=<unix seconds>,v1=<hex>[,v1=<hex>]},
 * where v1 = HMAC-SHA256(secret, t + "." + raw body). Several v1 values and several secrets may
 * be present so that either side can rotate. Comparison is constant time.
 */
public final class WebhookSignature {

    public static final String HEADER = "x-orderflow-signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    public static void verify(String header, byte[] body, List<String> secrets, Instant now) {
        if (header == null || header.isBlank()) {
            throw new Failure.Unauthenticated("The " + HEADER + " header is missing.");
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new Failure.Unauthenticated("The signature timestamp is not a number.");
                }
            } else if (key.equals("v1") && value.length() == 64) {
                try {
                    signatures.add(HexFormat.of().parseHex(value));
                } catch (IllegalArgumentException e) {
                    // not hex: ignored like any other unknown value
                }
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new Failure.Unauthenticated("The " + HEADER + " header must look like t=<unix>,v1=<hex>.");
        }
        long age = now.getEpochSecond() - timestamp;
        if (Math.abs(age) > TOLERANCE.toSeconds()) {
            throw new Failure.Unauthenticated("The signature timestamp is outside the "
                    + TOLERANCE.toMinutes() + "-minute tolerance; sign each delivery when sending it.");
        }
        boolean match = false;
        for (String secret : secrets) {
            byte[] expected = hmac(secret, timestamp, body);
            for (byte[] candidate : signatures) {
                // No early exit: every comparison runs, each one in constant time.
                match |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!match) {
            throw new Failure.Unauthenticated("The signature does not match the body.");
        }
    }

    /** Builds a header value; used by storefront simulators, tests and the sample-webhook script. */
    public static String sign(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
    }

    private static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
