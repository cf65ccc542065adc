package orderflow.shared.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import orderflow.shared.domain.Failure;
import org.junit.jupiter.api.Test;

/**
 * Shopify (X-Shopify-Hmac-Sha256) and WooCommerce (X-WC-Webhook-Signature) signatures checked
 * against reference values computed outside this code base, never by {@link PlatformSignature#sign}.
 *
 * <p>Each body below was written byte for byte to a file with {@code printf '%s' '<body>' > body.json}
 * ({@code printf '%s\n'} for the trailing-newline body) and signed with
 * <pre>
 *   openssl dgst -sha256 -hmac '&lt;secret&gt;' -binary body.json | base64
 * </pre>
 * then cross-checked with Python:
 * {@code base64.b64encode(hmac.new(secret.encode(), open(f, 'rb').read(), hashlib.sha256).digest())}.
 * Both gave the values hard-coded here. Non-ASCII text is written as backslash-u escapes so the
 * source encoding cannot change the bytes; each vector also pins the byte length ({@code wc -c}).
 *
 * <p>Neither Shopify's nor WooCommerce's documentation publishes a secret/body/signature example
 * (searched: shopify.dev "Verify webhook deliveries", developer.woocommerce.com webhooks pages), so
 * the published vector used is RFC 4231 test case 2, the HMAC-SHA256 standard's own.
 */
class PlatformSignatureTest {

    private record Vector(String name, String secret, String body, int byteLength, String signature) {
        byte[] bytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final String SHOPIFY_SECRET = "shpss_test_4f1c0b9e7a2d";
    private static final String WOO_SECRET = "wc-secret: k9&Zq!2";

    /** A small Shopify orders/create body (ASCII). */
    private static final Vector SHOPIFY_ORDER = new Vector("shopify orders/create", SHOPIFY_SECRET,
            "{\"id\":820982911946154508,\"email\":\"jon@example.com\",\"created_at\":\"2026-03-01T10:15:00-05:00\","
                    + "\"currency\":\"USD\",\"total_price\":\"44.99\","
                    + "\"line_items\":[{\"sku\":\"MUG-BLUE\",\"quantity\":2,\"price\":\"12.50\"}]}",
            194, "ts1IwERXdlWY2Lgxmr1xJAx8gWFo5wuB3l+a/U4VwGg=");

    /** Shopify body with 2-, 3- and 4-byte UTF-8 characters: Zoë Ødegård, "Café – 5 € 🎁". */
    private static final Vector SHOPIFY_UTF8 = new Vector("shopify non-ASCII", SHOPIFY_SECRET,
            "{\"id\":1001,\"email\":\"zoe@example.com\","
                    + "\"customer\":{\"first_name\":\"Zo\u00eb\",\"last_name\":\"\u00d8deg\u00e5rd\"},"
                    + "\"note\":\"Caf\u00e9 \u2013 5 \u20ac \ud83c\udf81\",\"total_price\":\"19.99\",\"currency\":\"EUR\"}",
            163, "pXUGJW0GEGqcRSHurfo2KSoviH2dLAn7V3fbYyd5J5o=");

    /** WooCommerce order body with non-ASCII billing names: Zoë Müller, München. */
    private static final Vector WOO_UTF8 = new Vector("woocommerce non-ASCII", WOO_SECRET,
            "{\"id\":4750,\"number\":\"4750\",\"status\":\"processing\",\"currency\":\"EUR\",\"total\":\"27.50\","
                    + "\"billing\":{\"first_name\":\"Zo\u00eb\",\"last_name\":\"M\u00fcller\",\"city\":\"M\u00fcnchen\"},"
                    + "\"line_items\":[{\"sku\":\"TEE-BLACK-L\",\"quantity\":1,\"total\":\"27.50\"}]}",
            220, "NN4TFouAdJYRxLBNibJeGGy2VHcOF3ZILq9BtdJuQIw=");

    /** WooCommerce order body ending in a newline, which is part of the signed bytes. */
    private static final Vector WOO_NEWLINE = new Vector("woocommerce trailing newline", WOO_SECRET,
            "{\"id\":4751,\"number\":\"4751\",\"status\":\"processing\",\"currency\":\"USD\",\"total\":\"9.99\"}\n",
            82, "tcEXYCXvwUmmcY2rTSLs7cwuMAJC+VNmEKaDEQZfICU=");

    /**
     * RFC 4231 section 4.3 (test case 2): key "Jefe", data "what do ya want for nothing?", HMAC-SHA256
     * 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843, here base64 as the platforms send it
     * ({@code printf '%s' 'what do ya want for nothing?' | openssl dgst -sha256 -hmac Jefe -binary | base64}).
     */
    private static final Vector RFC_4231_CASE_2 = new Vector("RFC 4231 test case 2", "Jefe",
            "what do ya want for nothing?", 28, "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");

    private static final List<Vector> VECTORS = List.of(SHOPIFY_ORDER, SHOPIFY_UTF8, WOO_UTF8, WOO_NEWLINE, RFC_4231_CASE_2);

    /** SHOPIFY_ORDER's body signed with this other secret: openssl dgst -sha256 -hmac 'shpss_some_other_app' -binary. */
    private static final String OTHER_SECRET = "shpss_some_other_app";
    private static final String SHOPIFY_ORDER_SIGNED_BY_OTHER_SECRET = "JEAcpo1BZiqzUguQua81XNrcxFzUipkK0hK/u1+VJIc=";

    @Test
    void the_reference_bodies_are_the_bytes_that_were_signed() {
        for (Vector v : VECTORS) {
            assertEquals(v.byteLength(), v.bytes().length, v.name());
        }
    }

    @Test
    void accepts_shopify_and_woocommerce_signatures_computed_independently() {
        for (Vector v : VECTORS) {
            assertDoesNotThrow(() -> PlatformSignature.verify(v.signature(), v.bytes(), List.of(v.secret())), v.name());
        }
    }

    @Test
    void signs_as_the_platforms_do() {
        for (Vector v : VECTORS) {
            assertEquals(v.signature(), PlatformSignature.sign(v.secret(), v.bytes()), v.name());
        }
    }

    @Test
    void accepts_a_reference_signature_while_a_secret_is_being_rotated() {
        for (Vector v : VECTORS) {
            assertDoesNotThrow(() -> PlatformSignature.verify(
                    v.signature(), v.bytes(), List.of("an-older-secret", v.secret())), v.name());
        }
    }

    @Test
    void rejects_a_body_changed_by_one_byte() {
        for (Vector v : VECTORS) {
            byte[] bytes = v.bytes();
            for (int index : new int[] {0, bytes.length / 2, bytes.length - 1}) {
                byte[] changed = Arrays.copyOf(bytes, bytes.length);
                changed[index] ^= 0x01;
                assertThrows(Failure.Unauthenticated.class,
                        () -> PlatformSignature.verify(v.signature(), changed, List.of(v.secret())),
                        v.name() + " with byte " + index + " changed");
            }
        }
    }

    @Test
    void rejects_a_body_without_its_trailing_newline() {
        byte[] stripped = WOO_NEWLINE.body().stripTrailing().getBytes(StandardCharsets.UTF_8);
        assertThrows(Failure.Unauthenticated.class,
                () -> PlatformSignature.verify(WOO_NEWLINE.signature(), stripped, List.of(WOO_SECRET)));
    }

    @Test
    void rejects_a_signature_made_with_another_secret() {
        assertThrows(Failure.Unauthenticated.class, () -> PlatformSignature.verify(
                SHOPIFY_ORDER_SIGNED_BY_OTHER_SECRET, SHOPIFY_ORDER.bytes(), List.of(SHOPIFY_SECRET)));
        // The same signature is genuine for the other secret: the rejection is about the secret alone.
        assertDoesNotThrow(() -> PlatformSignature.verify(
                SHOPIFY_ORDER_SIGNED_BY_OTHER_SECRET, SHOPIFY_ORDER.bytes(), List.of(OTHER_SECRET)));
        // A WooCommerce signature does not pass for the Shopify secret, nor the reverse.
        assertThrows(Failure.Unauthenticated.class, () -> PlatformSignature.verify(
                WOO_UTF8.signature(), WOO_UTF8.bytes(), List.of(SHOPIFY_SECRET)));
        assertThrows(Failure.Unauthenticated.class, () -> PlatformSignature.verify(
                SHOPIFY_UTF8.signature(), SHOPIFY_UTF8.bytes(), List.of(WOO_SECRET)));
    }

    @Test
    void rejects_an_absent_empty_or_malformed_header() {
        for (Vector v : VECTORS) {
            for (String header : new String[] {null, "", "   ", "not base64!", v.signature().substring(0, 20)}) {
                assertThrows(Failure.Unauthenticated.class,
                        () -> PlatformSignature.verify(header, v.bytes(), List.of(v.secret())),
                        v.name() + " with header " + header);
            }
        }
    }

    @Test
    void rejects_everything_when_the_storefront_has_no_secret() {
        assertThrows(Failure.Unauthenticated.class,
                () -> PlatformSignature.verify(SHOPIFY_ORDER.signature(), SHOPIFY_ORDER.bytes(), List.of()));
    }
}
