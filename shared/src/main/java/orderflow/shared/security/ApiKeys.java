package orderflow.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Seller API keys: 256 random bits, shown once, stored only as a SHA-256 hash. A fast hash is
 * enough because the keys are random, not chosen by people.
 */
public final class ApiKeys {

    public static final String PREFIX = "ofk_";

    private ApiKeys() {
    }

    public static String newKey(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key's public id for logs, history and revocation: derived from the hash, reveals nothing. */
    public static String keyId(String hash) {
        return "key_" + hash.substring(0, 12);
    }

    /** Accepts "Bearer ofk_..." or the bare key; anything else is null. */
    public static String fromAuthorizationHeader(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).strip();
        }
        return value.startsWith(PREFIX) && value.length() == PREFIX.length() + 43 ? value : null;
    }
}
