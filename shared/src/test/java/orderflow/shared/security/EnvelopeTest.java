package orderflow.shared.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.ports.SecretBox;

class EnvelopeTest {

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = bytes(32);
    private final byte[] encryptedKey = bytes(40);
    private final Map<String, String> storefrontA = SecretBox.context("seller-1", "STOREFRONT#sf-a");

    @Test
    void a_sealed_secret_opens_to_the_same_text_with_its_key_and_context() {
        String sealed = Envelope.seal(key, encryptedKey, "whsec_abc", storefrontA, random);

        assertEquals("whsec_abc", Envelope.open(key, Envelope.parse(sealed), storefrontA));
    }

    @Test
    void the_stored_form_holds_the_version_the_encrypted_key_and_no_plaintext() {
        String sealed = Envelope.seal(key, encryptedKey, "whsec_abc", storefrontA, random);

        assertTrue(sealed.startsWith("sealed:v1:"));
        assertTrue(SecretBox.isSealed(sealed));
        assertFalse(sealed.contains("whsec_abc"));
        assertEquals(40, Envelope.parse(sealed).encryptedKey().length);
        assertEquals(12, Envelope.parse(sealed).nonce().length);
    }

    @Test
    void sealing_twice_gives_two_different_values() {
        assertNotEquals(Envelope.seal(key, encryptedKey, "same", storefrontA, random),
                Envelope.seal(key, encryptedKey, "same", storefrontA, random));
    }

    @Test
    void a_value_moved_to_another_storefront_does_not_open() {
        String sealed = Envelope.seal(key, encryptedKey, "whsec_abc", storefrontA, random);

        assertThrows(IllegalArgumentException.class, () -> Envelope.open(key, Envelope.parse(sealed),
                SecretBox.context("seller-1", "STOREFRONT#sf-b")));
    }

    @Test
    void a_value_moved_to_another_seller_does_not_open() {
        String sealed = Envelope.seal(key, encryptedKey, "whsec_abc", storefrontA, random);

        assertThrows(IllegalArgumentException.class, () -> Envelope.open(key, Envelope.parse(sealed),
                SecretBox.context("seller-2", "STOREFRONT#sf-a")));
    }

    @Test
    void a_context_split_differently_is_another_context() {
        assertNotEquals(java.util.Arrays.toString(Envelope.associatedData(Map.of("a", "bc"))),
                java.util.Arrays.toString(Envelope.associatedData(Map.of("ab", "c"))));
    }

    @Test
    void a_tampered_ciphertext_or_another_key_does_not_open() {
        String sealed = Envelope.seal(key, encryptedKey, "whsec_abc", storefrontA, random);
        Envelope.Parts parts = Envelope.parse(sealed);
        parts.ciphertext()[0] ^= 1;

        assertThrows(IllegalArgumentException.class, () -> Envelope.open(key, parts, storefrontA));
        assertThrows(IllegalArgumentException.class, () -> Envelope.open(bytes(32), Envelope.parse(sealed), storefrontA));
    }

    @Test
    void plain_secrets_written_before_sealing_are_not_taken_for_sealed_ones() {
        assertFalse(SecretBox.isSealed("whsec_abc"));
        assertThrows(IllegalArgumentException.class, () -> Envelope.parse("whsec_abc"));
        assertThrows(IllegalArgumentException.class, () -> Envelope.parse("sealed:v1:only:two"));
    }

    @Test
    void the_plain_only_box_passes_plain_secrets_and_refuses_sealed_ones() {
        String sealed = Envelope.seal(key, encryptedKey, "whsec_abc", storefrontA, random);

        assertEquals("whsec_abc", SecretBox.PLAIN_ONLY.open("whsec_abc", storefrontA));
        assertThrows(SecretBox.Unopenable.class, () -> SecretBox.PLAIN_ONLY.open(sealed, storefrontA));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
