package orderflow.shared.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Order ids are derived from (storefront, external order id), so every delivery of the same
 * storefront order maps to the same id without a lookup table.
 */
public final class OrderIds {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private OrderIds() {
    }

    public static String forExternal(String storefrontId, String externalOrderId) {
        return derived("ord_", storefrontId + "\u0000" + externalOrderId);
    }

    /** prefix + 26 base32 characters (130 bits) of SHA-256(material): stable ids derived from what they name. */
    public static String derived(String prefix, String material) {
        byte[] hash = sha256(material);
        StringBuilder id = new StringBuilder(prefix);
        int buffer = 0;
        int bits = 0;
        int i = 0;
        while (id.length() < prefix.length() + 26) {
            if (bits < 5) {
                buffer = (buffer << 8) | (hash[i++] & 0xff);
                bits += 8;
            }
            id.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
        return id.toString();
    }

    public static boolean looksValid(String orderId) {
        return orderId != null && orderId.matches("ord_[0-9a-z]{26}");
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
