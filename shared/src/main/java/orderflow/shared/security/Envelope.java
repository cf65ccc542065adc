package orderflow.shared.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local half of envelope encryption: AES-256-GCM under a data key, and the one-string format
 * a sealed secret is stored in: {@code sealed:v1:<encrypted data key>:<nonce>:<ciphertext+tag>}
 * (base64url, no padding). The encrypted data key is what KMS returned for this value; the
 * encryption context is also the GCM associated data, so a value moved to another item fails here
 * as well as at KMS. No AWS types: the KMS half is {@code orderflow.shared.aws.KmsSecretBox}.
 */
public final class Envelope {

    public static final String PREFIX = "sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** The parts of a stored value. */
    public record Parts(byte[] encryptedKey, byte[] nonce, byte[] ciphertext) {
    }

    private Envelope() {
    }

    /** Seals plaintext under dataKey (32 bytes); encryptedKey is stored beside it for KMS to open later. */
    public static String seal(byte[] dataKey, byte[] encryptedKey, String plaintext, Map<String, String> context,
                              SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return seal(dataKey, encryptedKey, nonce, plaintext, context);
    }

    /**
     * Seals with the given 96-bit nonce. A nonce must never repeat under one data key: only the
     * SnapStart priming sample uses a fixed one, for a public sample secret under a public key.
     */
    public static String seal(byte[] dataKey, byte[] encryptedKey, byte[] nonce, String plaintext,
                              Map<String, String> context) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("the nonce is 96 bits");
        }
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, dataKey, nonce, context,
                plaintext.getBytes(StandardCharsets.UTF_8));
        return PREFIX + B64.encodeToString(encryptedKey) + ":" + B64.encodeToString(nonce) + ":"
                + B64.encodeToString(ciphertext);
    }

    /** The parts of a sealed value; IllegalArgumentException when it is not one. */
    public static Parts parse(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        String[] parts = stored.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a sealed value has 3 parts after its version");
        }
        Parts p = new Parts(B64D.decode(parts[0]), B64D.decode(parts[1]), B64D.decode(parts[2]));
        if (p.nonce().length != NONCE_BYTES || p.encryptedKey().length == 0 || p.ciphertext().length < TAG_BITS / 8) {
            throw new IllegalArgumentException("a sealed value has a malformed part");
        }
        return p;
    }

    /** The plaintext; IllegalArgumentException when the key or the context is not the one it was sealed with. */
    public static String open(byte[] dataKey, Parts parts, Map<String, String> context) {
        return new String(crypt(Cipher.DECRYPT_MODE, dataKey, parts.nonce(), context, parts.ciphertext()),
                StandardCharsets.UTF_8);
    }

    /** The context as bytes, in key order, each key and value length-prefixed so no two contexts collide. */
    static byte[] associatedData(Map<String, String> context) {
        ByteBuffer out = ByteBuffer.allocate(context.entrySet().stream()
                .mapToInt(e -> 8 + utf8(e.getKey()).length + utf8(e.getValue()).length).sum());
        new TreeMap<>(context).forEach((k, v) -> {
            out.putInt(utf8(k).length).put(utf8(k)).putInt(utf8(v).length).put(utf8(v));
        });
        return out.array();
    }

    private static byte[] crypt(int mode, byte[] dataKey, byte[] nonce, Map<String, String> context, byte[] input) {
        if (dataKey.length != 32) {
            throw new IllegalArgumentException("the data key is AES-256 (32 bytes)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(context));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the sealed value does not open with this key and context");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
